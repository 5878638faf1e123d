#include "apigw/http_response.hpp"

#include "apigw/headers.hpp"

#include <gtest/gtest.h>

namespace {

using lambdad::apigw::find_header;
using lambdad::apigw::map_http_response;

std::vector<std::string> values_of(const lambdad::http::response& response, std::string_view name) {
    std::vector<std::string> values;
    for (const auto& header : response.headers) {
        if (lambdad::apigw::header_name_equals(header.name, name)) {
            values.push_back(header.value);
        }
    }
    return values;
}

}  // namespace

TEST(HttpResponse, MapsStatusHeadersCookiesBody) {
    auto mapped = map_http_response(
        R"({"statusCode":201,"headers":{"X-A":"1,2","Content-Type":"text/plain"},)"
        R"("cookies":["a=1; Path=/","b=2"],"body":"made","isBase64Encoded":false})");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(mapped.response.status, 201u);
    EXPECT_EQ(mapped.response.body, "made");
    EXPECT_EQ(find_header(mapped.response.headers, "X-A"), "1,2");
    EXPECT_EQ(find_header(mapped.response.headers, "Content-Type"), "text/plain");
    EXPECT_EQ(values_of(mapped.response, "Set-Cookie"),
              (std::vector<std::string>{"a=1; Path=/", "b=2"}));
}

TEST(HttpResponse, JsonWithoutStatusCodeIsBody) {
    for (std::string_view text : {R"({"message":"hi"})", R"([1,2])", R"("text")", "42"}) {
        auto mapped = map_http_response(text);
        ASSERT_TRUE(mapped.valid()) << text;
        EXPECT_EQ(mapped.response.status, 200u);
        EXPECT_EQ(mapped.response.body, text);
        EXPECT_EQ(find_header(mapped.response.headers, "Content-Type"), "application/json");
    }
}

TEST(HttpResponse, DecodesBase64Body) {
    auto mapped =
        map_http_response(R"({"statusCode":200,"body":"AAEC/w==","isBase64Encoded":true})");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(mapped.response.body, std::string("\x00\x01\x02\xff", 4));
}

TEST(HttpResponse, StatusAsStringAccepted) {
    auto mapped = map_http_response(R"({"statusCode":"404","body":"gone"})");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(mapped.response.status, 404u);
}

TEST(HttpResponse, RejectsMalformedResults) {
    for (std::string_view text :
         {"not json", R"({"statusCode":200,"body":{"a":1}})", R"({"statusCode":"abc"})",
          R"({"statusCode":200,"cookies":"a=1"})", R"({"statusCode":200,"cookies":[1]})",
          R"({"statusCode":200,"headers":[]})", R"({"statusCode":200,"isBase64Encoded":"yes"})",
          R"({"statusCode":200,"body":"!!","isBase64Encoded":true})"}) {
        EXPECT_FALSE(map_http_response(text).valid()) << text;
    }
}

TEST(HttpResponse, DropsFramingHeaders) {
    auto mapped = map_http_response(
        R"({"statusCode":200,"headers":{"Content-Length":"99","Connection":"close"},"body":"x"})");
    ASSERT_TRUE(mapped.valid());
    EXPECT_FALSE(find_header(mapped.response.headers, "Content-Length"));
    EXPECT_FALSE(find_header(mapped.response.headers, "Connection"));
}
