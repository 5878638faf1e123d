#include "modules/plain_json.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace lambdad::modules {
namespace {

std::string round_trip(const std::string& json) {
    return to_plain_json(parse_plain_object(json));
}

TEST(PlainJson, KeepsThirtyEightDigitNumbers) {
    std::string json = R"({"big":12345678901234567890123456789012345678,)"
                       R"("small":-0.12345678901234567890123456789012345678})";
    item parsed = parse_plain_object(json);

    EXPECT_EQ(parsed.at("big").type(), attribute_value::kind::N);
    EXPECT_EQ(parsed.at("big").scalar(), "12345678901234567890123456789012345678");
    EXPECT_EQ(round_trip(json), json);
}

TEST(PlainJson, RejectsThirtyNineDigitNumbers) {
    EXPECT_THROW(parse_plain_object(R"({"n":123456789012345678901234567890123456789})"),
                 std::invalid_argument);
}

// Builds an object whose member contains `arrays` nested arrays: arrays + 1 levels in all.
std::string nested_arrays(int arrays) {
    return R"({"x":)" + std::string(arrays, '[') + std::string(arrays, ']') + "}";
}

TEST(PlainJson, RejectsDeepNesting) {
    EXPECT_THROW(parse_plain_object(nested_arrays(100'000)), std::invalid_argument);
}

TEST(PlainJson, AcceptsNestingUpToLimit) {
    EXPECT_EQ(parse_plain_object(nested_arrays(511)).size(), 1u);
}

TEST(PlainJson, RejectsNestingOneBeyondLimit) {
    EXPECT_THROW(parse_plain_object(nested_arrays(512)), std::invalid_argument);
}

TEST(PlainJson, WritesCanonicalNumbers) {
    EXPECT_EQ(round_trip(R"({"a":1.50,"b":1E3,"c":-0,"d":2.5e-3,"e":7})"),
              R"({"a":1.5,"b":1000,"c":0,"d":0.0025,"e":7})");
}

TEST(PlainJson, RoundTripsNestedValues) {
    std::string json =
        R"({"address":{"city":"Seattle","zip":{"code":98101}},"flags":[true,false,null],)"
        R"("list":[1,"two",[3],{"four":4}],"none":null,"yes":true})";
    item parsed = parse_plain_object(json);

    EXPECT_EQ(parsed.at("address").type(), attribute_value::kind::M);
    EXPECT_EQ(parsed.at("list").type(), attribute_value::kind::L);
    EXPECT_EQ(parsed.at("none").type(), attribute_value::kind::NULL_);
    EXPECT_EQ(parsed.at("yes").type(), attribute_value::kind::BOOL);
    EXPECT_EQ(round_trip(json), json);
}

TEST(PlainJson, RoundTripsUnicodeAndEscapes) {
    std::string json = R"({"emoji":"\ud83d\ude00","greek":"\u03b1\u03b2","quote":"say \"hi\"",)"
                       R"("slash":"a\\b","tab":"a\tb","nl":"x\ny","ctl":"\u0001"})";
    item parsed = parse_plain_object(json);

    EXPECT_EQ(parsed.at("emoji").scalar(), "\xF0\x9F\x98\x80");
    EXPECT_EQ(parsed.at("greek").scalar(), "\xCE\xB1\xCE\xB2");
    EXPECT_EQ(parsed.at("quote").scalar(), "say \"hi\"");
    EXPECT_EQ(parsed.at("slash").scalar(), "a\\b");
    EXPECT_EQ(parsed.at("ctl").scalar(), std::string("\x01"));
    EXPECT_EQ(parse_plain_object(round_trip(json)), parsed);
}

TEST(PlainJson, UnescapesKeysAndKeepsLastDuplicate) {
    item parsed = parse_plain_object(R"({"a\u0062":1,"x":1,"x":2})");

    EXPECT_EQ(parsed.count("ab"), 1u);
    EXPECT_EQ(parsed.at("x").scalar(), "2");
}

TEST(PlainJson, RejectsInvalidDocuments) {
    const char* invalid[] = {
        "",         "[]",          "\"text\"",         "42",         "{",
        "{\"a\":}", "{\"a\":01}",  "{\"a\":1.}",       "{\"a\":.5}", "{\"a\":+1}",
        "{} extra", "{\"a\":nul}", "{\"a\":\"\xff\"}", "{\"a\":1e}", "{\"a\":--1}",
    };
    for (const char* json : invalid) {
        EXPECT_THROW(parse_plain_object(json), std::invalid_argument) << json;
    }
}

TEST(PlainJson, WritesSetsAndBinaryValues) {
    item members;
    members.emplace("b", attribute_value::binary("hi!"));
    members.emplace("bs", attribute_value::binary_set({"a", "hi!"}));
    members.emplace("ns", attribute_value::number_set({"2.50"}));
    members.emplace("ss", attribute_value::string_set({"y", "x"}));

    EXPECT_EQ(to_plain_json(members),
              R"({"b":"aGkh","bs":["YQ==","aGkh"],"ns":[2.5],"ss":["x","y"]})");
}

}  // namespace
}  // namespace lambdad::modules
