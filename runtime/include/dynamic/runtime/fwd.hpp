// Declarations the generated resource headers need to name the SDK's result types without
// including their definitions. Include the defining header where a type is used:
// response.hpp (Response), future.hpp (Future), pagination.hpp (OffsetRange, CursorRange).
#pragma once

namespace dynamic {

struct ClientOptions;
class Pipeline;
template <class T>
struct Response;
template <class T>
class Future;
template <class T>
class OffsetRange;
template <class T>
struct OffsetPage;
template <class T>
class CursorRange;
template <class T>
struct CursorPage;

}  // namespace dynamic
