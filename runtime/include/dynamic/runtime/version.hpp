// The SDK's version, as the package and the User-Agent header name it.
#pragma once

namespace dynamic {

/// "0.1.0": the version of this SDK (its runtime and the bindings built with it).
const char* sdk_version();

}  // namespace dynamic
