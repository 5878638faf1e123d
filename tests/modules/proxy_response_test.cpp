#include "modules/proxy_response.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lambdad::modules {
namespace {

TEST(ProxyResponse, WritesStatusHeadersAndBody) {
    std::string response =
        proxy_response(201, {{"Content-Type", "application/json"}}, R"({"id":"a"})");
    EXPECT_EQ(response, R"({"statusCode":201,"headers":{"Content-Type":"application/json"},)"
                        R"("body":"{\"id\":\"a\"}"})");
}

TEST(ProxyResponse, RepeatedHeaderKeepsLastValue) {
    std::string response = proxy_response(200, {{"A", "1"}, {"B", "2"}, {"A", "3"}}, "");
    EXPECT_EQ(response, R"({"statusCode":200,"headers":{"A":"3","B":"2"},"body":""})");
}

TEST(ProxyResponse, EscapesHeadersAndBody) {
    std::string response = proxy_response(400, {{"X-\"Q\"", "a\\b"}}, "line\nend\x01");
    EXPECT_EQ(response,
              R"({"statusCode":400,"headers":{"X-\"Q\"":"a\\b"},"body":"line\nend\u0001"})");
}

}  // namespace
}  // namespace lambdad::modules
