#include "http/wire.hpp"

#include <gtest/gtest.h>

namespace lambdad::http {
namespace {

TEST(WireResponse, HandlerFramingHeadersAreReplaced) {
    response message;
    message.status = 200;
    message.headers = {{"content-length", "999"},
                       {"Connection", "keep-alive"},
                       {"X-Custom", "1"},
                       {"Date", "Mon, 01 Jan 2024 00:00:00 GMT"}};
    message.body = "abc";
    wire_response wire = to_wire(std::move(message), 11, false, false);
    EXPECT_EQ(wire[boost::beast::http::field::content_length], "3");
    EXPECT_EQ(wire[boost::beast::http::field::connection], "close");
    EXPECT_EQ(wire["X-Custom"], "1");
    EXPECT_EQ(wire[boost::beast::http::field::date], "Mon, 01 Jan 2024 00:00:00 GMT");
    EXPECT_EQ(wire.body(), "abc");
}

TEST(WireResponse, NoContentHasNoLength) {
    response message;
    message.status = 204;
    wire_response wire = to_wire(std::move(message), 11, true, false);
    EXPECT_EQ(wire.count(boost::beast::http::field::content_length), 0u);
    EXPECT_FALSE(wire[boost::beast::http::field::date].empty());
}

}  // namespace
}  // namespace lambdad::http
