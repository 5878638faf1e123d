#include "apigw/body_encoding.hpp"

#include "apigw/event_json.hpp"

#include <gtest/gtest.h>

namespace {

using lambdad::apigw::matches_media_type;

lambdad::http::request request_with(std::string content_type, std::string body) {
    lambdad::http::request request;
    if (!content_type.empty()) {
        request.headers.push_back({"Content-Type", std::move(content_type)});
    }
    request.body = std::move(body);
    return request;
}

}  // namespace

TEST(BodyEncoding, Base64RoundTrip) {
    for (std::string bytes : {std::string(), std::string("a"), std::string("ab"),
                              std::string("abc"), std::string("\x00\xff\x10\x80", 4)}) {
        auto decoded = lambdad::apigw::decode_base64(lambdad::apigw::encode_base64(bytes));
        ASSERT_TRUE(decoded.has_value());
        EXPECT_EQ(*decoded, bytes);
    }
    EXPECT_EQ(lambdad::apigw::encode_base64("hi"), "aGk=");
    EXPECT_FALSE(lambdad::apigw::decode_base64("abc").has_value());
}

TEST(BodyEncoding, MatchesMediaTypeWildcards) {
    std::vector<std::string> patterns{"image/*", "application/octet-stream"};
    EXPECT_TRUE(matches_media_type("image/png", patterns));
    EXPECT_TRUE(matches_media_type("Image/PNG; q=1", patterns));
    EXPECT_TRUE(matches_media_type("application/octet-stream", patterns));
    EXPECT_FALSE(matches_media_type("application/json", patterns));
    EXPECT_TRUE(matches_media_type("text/plain", {"*/*"}));
    EXPECT_FALSE(matches_media_type("text/plain", {}));
}

TEST(BodyEncoding, HttpApiBinaryUnlessText) {
    lambdad::config::api_config api;
    api.type = "HTTP";
    EXPECT_FALSE(lambdad::apigw::is_binary_request(request_with("text/html", "x"), api));
    EXPECT_FALSE(lambdad::apigw::is_binary_request(request_with("application/json", "x"), api));
    EXPECT_TRUE(lambdad::apigw::is_binary_request(request_with("image/png", "x"), api));
    EXPECT_TRUE(lambdad::apigw::is_binary_request(request_with("", "x"), api));
    EXPECT_FALSE(lambdad::apigw::is_binary_request(request_with("", ""), api));
}

TEST(BodyEncoding, RestApiBinaryByMediaTypes) {
    lambdad::config::api_config api;
    EXPECT_FALSE(lambdad::apigw::is_binary_request(request_with("image/png", "x"), api));
    api.binary_media_types = {"image/png"};
    EXPECT_TRUE(lambdad::apigw::is_binary_request(request_with("image/png", "x"), api));
    EXPECT_FALSE(lambdad::apigw::is_binary_request(request_with("text/plain", "x"), api));
}

TEST(EventJson, ReplacesInvalidUtf8) {
    using lambdad::apigw::replace_invalid_utf8;
    EXPECT_EQ(replace_invalid_utf8("plain caf\xC3\xA9"), "plain caf\xC3\xA9");
    EXPECT_EQ(replace_invalid_utf8("a\xFF"
                                   "b"),
              "a\xEF\xBF\xBD"
              "b");
    // A truncated sequence, an overlong form and a surrogate.
    EXPECT_EQ(replace_invalid_utf8("\xC3"), "\xEF\xBF\xBD");
    EXPECT_EQ(replace_invalid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(replace_invalid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
    EXPECT_EQ(replace_invalid_utf8("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");
}
