#include "apigw/http_event.hpp"

#include "apigw/request_target.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

namespace {

namespace json = boost::json;
using lambdad::apigw::event_source;
using lambdad::apigw::route_table;

/// Builds the 2.0 event of `request_` against an HTTP API with GET /users/{userid}.
class HttpEventTest : public ::testing::Test {
protected:
    HttpEventTest()
        : table_({{"GET", "/users/{userid}", "F"}, {"", "$default", "F"}},
                 lambdad::apigw::routing_rules::http, "2.0") {
        api_.type = "HTTP";
        api_.api_id = "abc123defg";
        api_.stage = "$default";
        request_.method = "GET";
        request_.target = "/users/7";
        request_.remote_address = "127.0.0.1";
    }

    json::object build() {
        auto target = lambdad::apigw::split_target(request_.target);
        auto match = table_.match(request_.method, target.path);
        EXPECT_TRUE(match.matched()) << target.path;
        auto time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1796390688123));
        event_source source{request_, target.path, target.query, match,
                            api_,     "req-id=",   "req-id=",    time};
        return json::parse(lambdad::apigw::build_http_event(source)).as_object();
    }

    route_table table_;
    lambdad::config::api_config api_;
    lambdad::http::request request_;
};

}  // namespace

TEST_F(HttpEventTest, HasTopLevelFields) {
    request_.target = "/users/a%20b?x=1&x=2";
    auto event = build();
    EXPECT_EQ(event.at("version"), "2.0");
    EXPECT_EQ(event.at("routeKey"), "GET /users/{userid}");
    EXPECT_EQ(event.at("rawPath"), "/users/a%20b");
    EXPECT_EQ(event.at("rawQueryString"), "x=1&x=2");
    EXPECT_EQ(event.at("queryStringParameters").at("x"), "1,2");
    EXPECT_EQ(event.at("pathParameters").at("userid"), "a b");
    EXPECT_EQ(event.at("isBase64Encoded"), false);
    EXPECT_FALSE(event.contains("body"));
    EXPECT_FALSE(event.contains("cookies"));
    EXPECT_FALSE(event.contains("stageVariables"));
}

TEST_F(HttpEventTest, JoinsHeadersAndSplitsCookies) {
    request_.headers = {{"X-Rep", "a"},
                        {"x-rep", "b"},
                        {"Cookie", "c1=1; c2=2"},
                        {"Cookie", "c3=3"},
                        {"Connection", "keep-alive"}};
    auto event = build();
    auto& headers = event.at("headers").as_object();
    EXPECT_EQ(headers.at("x-rep"), "a,b");
    EXPECT_FALSE(headers.contains("cookie"));
    EXPECT_FALSE(headers.contains("connection"));
    EXPECT_EQ(event.at("cookies"), json::parse(R"(["c1=1","c2=2","c3=3"])"));
}

TEST_F(HttpEventTest, RequestContextFields) {
    request_.headers = {{"Host", "api.example:3000"}, {"User-Agent", "test/1"}};
    auto event = build();
    auto& context = event.at("requestContext").as_object();
    EXPECT_EQ(context.at("apiId"), "abc123defg");
    EXPECT_EQ(context.at("domainName"), "api.example:3000");
    EXPECT_EQ(context.at("domainPrefix"), "api");
    EXPECT_EQ(context.at("requestId"), "req-id=");
    EXPECT_EQ(context.at("routeKey"), "GET /users/{userid}");
    EXPECT_EQ(context.at("stage"), "$default");
    EXPECT_EQ(context.at("time"), "04/Dec/2026:13:24:48 +0000");
    EXPECT_EQ(context.at("timeEpoch"), 1796390688123);
    auto& http = context.at("http").as_object();
    EXPECT_EQ(http.at("method"), "GET");
    EXPECT_EQ(http.at("path"), "/users/7");
    EXPECT_EQ(http.at("sourceIp"), "127.0.0.1");
    EXPECT_EQ(http.at("userAgent"), "test/1");
}

TEST_F(HttpEventTest, NamedStageInRawPath) {
    api_.stage = "beta";
    auto event = build();
    EXPECT_EQ(event.at("rawPath"), "/beta/users/7");
    EXPECT_EQ(event.at("requestContext").at("http").at("path"), "/beta/users/7");
}

TEST_F(HttpEventTest, BinaryBodyBase64) {
    request_.method = "POST";
    request_.target = "/anything";
    request_.headers = {{"Content-Type", "application/octet-stream"}};
    request_.body = std::string("\x00\xff", 2);
    auto event = build();
    EXPECT_EQ(event.at("routeKey"), "$default");
    EXPECT_EQ(event.at("isBase64Encoded"), true);
    EXPECT_EQ(event.at("body"), "AP8=");
}
