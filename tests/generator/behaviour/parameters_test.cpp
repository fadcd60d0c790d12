// Generated parameter, body and response handling (golden/parameters); filled in below.
#include <doctest/doctest.h>
