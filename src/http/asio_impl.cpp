// The one translation unit that compiles Boost.Asio and Boost.Beast; see
// BOOST_ASIO_SEPARATE_COMPILATION in src/CMakeLists.txt.
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
