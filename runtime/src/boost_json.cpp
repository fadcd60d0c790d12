// Boost.JSON compiled into the runtime instead of linking libboost_json.so. On Debian 12 that
// library (Boost 1.81) exports Boost.System symbols that libcpprest (built on Boost 1.74) would
// bind to, and cpprest then crashes on its first connection error. Together with
// BOOST_DISABLE_EXPLICIT_SYMBOL_VISIBILITY and hidden visibility, no binary of ours exports them.
#include <boost/json/src.hpp>
