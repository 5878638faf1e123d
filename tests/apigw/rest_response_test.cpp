#include "apigw/rest_response.hpp"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace {

using lambdad::apigw::map_rest_response;
using header_list = std::vector<std::pair<std::string, std::string>>;

header_list headers_of(const lambdad::http::response& response) {
    header_list headers;
    for (const auto& header : response.headers) {
        headers.emplace_back(header.name, header.value);
    }
    return headers;
}

}  // namespace

TEST(RestResponse, MapsFullAnswer) {
    auto mapped = map_rest_response(
        R"({"statusCode":201,"headers":{"Content-Type":"text/plain","X-A":"1"},"body":"made","isBase64Encoded":false})");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(mapped.response.status, 201u);
    EXPECT_EQ(mapped.response.body, "made");
    EXPECT_EQ(headers_of(mapped.response),
              (header_list{{"Content-Type", "text/plain"}, {"X-A", "1"}}));
}

TEST(RestResponse, EmptyObjectIsEmptyOk) {
    auto mapped = map_rest_response("{}");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(mapped.response.status, 200u);
    EXPECT_EQ(mapped.response.body, "");
    EXPECT_EQ(headers_of(mapped.response), (header_list{{"Content-Type", "application/json"}}));
}

TEST(RestResponse, AcceptsNumericStringStatus) {
    auto mapped = map_rest_response(R"({"statusCode":"404"})");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(mapped.response.status, 404u);
}

TEST(RestResponse, NullMembersCountAsAbsent) {
    auto mapped = map_rest_response(
        R"({"statusCode":204,"headers":null,"multiValueHeaders":null,"body":null,"isBase64Encoded":null})");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(mapped.response.status, 204u);
    EXPECT_EQ(mapped.response.body, "");
}

TEST(RestResponse, DefaultsContentTypeInAnyCase) {
    auto mapped = map_rest_response(R"({"headers":{"content-type":"text/html"}})");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(headers_of(mapped.response), (header_list{{"content-type", "text/html"}}));
}

TEST(RestResponse, ConvertsScalarHeaderValues) {
    auto mapped = map_rest_response(
        R"({"headers":{"X-Count":5,"X-Ratio":1.5,"X-Flag":true},"multiValueHeaders":{"X-M":[1,false]}})");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(headers_of(mapped.response), (header_list{{"X-M", "1, false"},
                                                        {"X-Count", "5"},
                                                        {"X-Ratio", "1.5"},
                                                        {"X-Flag", "true"},
                                                        {"Content-Type", "application/json"}}));
}

TEST(RestResponse, MergesMultiValueHeadersFirst) {
    // headers comes first in the text, but multiValueHeaders values lead the merged line.
    auto mapped = map_rest_response(
        R"({"headers":{"Vary":"Origin"},"multiValueHeaders":{"vary":["Accept","Accept-Encoding"]}})");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(headers_of(mapped.response), (header_list{{"vary", "Accept, Accept-Encoding, Origin"},
                                                        {"Content-Type", "application/json"}}));
}

TEST(RestResponse, MergesSharedPairOnce) {
    auto mapped = map_rest_response(
        R"({"headers":{"X-Both":"b1","X-Other":"o"},"multiValueHeaders":{"X-Both":["b1","b2"]}})");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(headers_of(mapped.response),
              (header_list{
                  {"X-Both", "b1, b2"}, {"X-Other", "o"}, {"Content-Type", "application/json"}}));
}

TEST(RestResponse, KeepsSetCookieLinesApart) {
    auto mapped = map_rest_response(
        R"({"headers":{"Set-Cookie":"c=3"},"multiValueHeaders":{"Set-Cookie":["a=1","b=2"]}})");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(headers_of(mapped.response), (header_list{{"Set-Cookie", "a=1"},
                                                        {"Set-Cookie", "b=2"},
                                                        {"Set-Cookie", "c=3"},
                                                        {"Content-Type", "application/json"}}));
}

TEST(RestResponse, DropsFramingHeaders) {
    auto mapped = map_rest_response(
        R"({"headers":{"Content-Length":"99","Transfer-Encoding":"chunked","Connection":"close"},"body":"x"})");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(headers_of(mapped.response), (header_list{{"Content-Type", "application/json"}}));
}

TEST(RestResponse, EmptyMultiValueListAddsNoHeader) {
    auto mapped = map_rest_response(R"({"multiValueHeaders":{"X-None":[]}})");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(headers_of(mapped.response), (header_list{{"Content-Type", "application/json"}}));
}

TEST(RestResponse, DecodesBase64Body) {
    // "AAEC/w==" is the bytes 00 01 02 ff; "aGk=" is "hi"; "aGV5" is "hey".
    auto binary = map_rest_response(R"({"body":"AAEC/w==","isBase64Encoded":true})");
    ASSERT_TRUE(binary.valid()) << binary.error;
    EXPECT_EQ(binary.response.body, std::string("\x00\x01\x02\xff", 4));
    auto one_pad = map_rest_response(R"({"body":"aGk=","isBase64Encoded":true})");
    ASSERT_TRUE(one_pad.valid()) << one_pad.error;
    EXPECT_EQ(one_pad.response.body, "hi");
    auto no_pad = map_rest_response(R"({"body":"aGV5","isBase64Encoded":true})");
    ASSERT_TRUE(no_pad.valid()) << no_pad.error;
    EXPECT_EQ(no_pad.response.body, "hey");
    auto empty = map_rest_response(R"({"body":"","isBase64Encoded":true})");
    ASSERT_TRUE(empty.valid()) << empty.error;
    EXPECT_EQ(empty.response.body, "");
}

TEST(RestResponse, KeepsBodyWhenNotBase64) {
    auto mapped = map_rest_response(R"({"body":"aGk=","isBase64Encoded":false})");
    ASSERT_TRUE(mapped.valid()) << mapped.error;
    EXPECT_EQ(mapped.response.body, "aGk=");
}

TEST(RestResponse, RejectsMalformedAnswers) {
    const char* malformed[] = {
        "",
        "not json",
        R"({"statusCode":200)",
        R"("just a string")",
        R"([{"statusCode":200}])",
        "null",
        "42",
        R"({"statusCode":200,"extra":1})",
        R"({"cookies":["a=1"]})",
        R"({"statusCode":"abc"})",
        R"({"statusCode":"200 "})",
        R"({"statusCode":""})",
        R"({"statusCode":200.5})",
        R"({"statusCode":null})",
        R"({"statusCode":true})",
        R"({"statusCode":99})",
        R"({"statusCode":600})",
        R"({"statusCode":-200})",
        R"({"body":{"a":1}})",
        R"({"body":42})",
        R"({"body":["x"]})",
        R"({"headers":["X-A"]})",
        R"({"headers":"X-A: 1"})",
        R"({"headers":{"X-A":{"nested":1}}})",
        R"({"headers":{"X-A":["1"]}})",
        R"({"headers":{"X-A":null}})",
        R"({"multiValueHeaders":{"X-A":"1"}})",
        R"({"multiValueHeaders":{"X-A":[{"a":1}]}})",
        R"({"multiValueHeaders":{"X-A":[null]}})",
        R"({"multiValueHeaders":["X-A"]})",
        R"({"isBase64Encoded":"true","body":"aGk="})",
        R"({"isBase64Encoded":1,"body":"aGk="})",
        R"({"isBase64Encoded":true,"body":"a"})",
        R"({"isBase64Encoded":true,"body":"a*b="})",
    };
    for (const char* result_text : malformed) {
        auto mapped = map_rest_response(result_text);
        EXPECT_FALSE(mapped.valid()) << result_text;
        EXPECT_TRUE(mapped.response.headers.empty()) << result_text;
    }
}

TEST(RestResponse, ErrorNamesUnexpectedKey) {
    auto mapped = map_rest_response(R"({"statusCode":200,"extra":1})");
    EXPECT_NE(mapped.error.find("extra"), std::string::npos) << mapped.error;
}
