// Boost.URL compiled into the runtime rather than linking libboost_url.so, for the reason
// runtime/src/boost_json.cpp gives: no binary of ours may export Boost 1.81's Boost.System symbols
// for libcpprest (Boost 1.74 on Debian 12) to bind to.
#include <boost/url/src.hpp>
