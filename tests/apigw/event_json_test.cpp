#include "apigw/event_json.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using lambdad::apigw::json_writer;
using lambdad::apigw::named_text;

TEST(JsonWriter, SeparatesMembersAndElements) {
    std::string text;
    json_writer json(text);
    json.begin_object();
    json.key("a").integer(-42);
    json.key("b").begin_array().null().boolean(true).boolean(false).end_array();
    json.key("c").begin_object().end_object();
    json.key("d").string("x");
    json.end_object();
    EXPECT_EQ(text, R"({"a":-42,"b":[null,true,false],"c":{},"d":"x"})");
}

TEST(JsonWriter, EscapesStringsAndInputKeys) {
    std::string text;
    json_writer json(text);
    json.begin_object();
    json.escaped_key("q\"k").string("line\nquote\" back\\ tab\t\x01");
    json.end_object();
    EXPECT_EQ(text, R"({"q\"k":"line\nquote\" back\\ tab\t\u0001"})");
}

TEST(JsonWriter, WritesLongStringWhole) {
    std::string long_text(5000, '"');
    std::string text;
    json_writer json(text);
    json.string(long_text);
    EXPECT_EQ(text.size(), 2 * long_text.size() + 2);
    EXPECT_EQ(text.substr(0, 5), R"("\"\")");
}

TEST(WriteLastValues, KeepsFirstPositionAndLastValue) {
    std::string text;
    json_writer json(text);
    lambdad::apigw::write_last_values(json, {{"a", "1"}, {"b", "2"}, {"a", "3"}, {"A", "4"}});
    EXPECT_EQ(text, R"({"a":"3","b":"2","A":"4"})");
}

TEST(WriteAllValues, GroupsValuesByName) {
    std::string text;
    json_writer json(text);
    lambdad::apigw::write_all_values(json, {{"a", "1"}, {"b", "2"}, {"a", "3"}});
    EXPECT_EQ(text, R"({"a":["1","3"],"b":["2"]})");
}

TEST(WithValidUtf8, ReplacesInvalidBytes) {
    EXPECT_EQ(lambdad::apigw::with_valid_utf8("\"a\xff\""), "\"a\xEF\xBF\xBD\"");
    EXPECT_EQ(lambdad::apigw::with_valid_utf8("\"\xC3\xA9\""), "\"\xC3\xA9\"");
}

}  // namespace
