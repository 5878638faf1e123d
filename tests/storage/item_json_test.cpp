#include "storage/item_json.hpp"

#include "lambdad/table.hpp"
#include "storage/value_printer.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lambdad::storage {
namespace {

item sample_item() {
    return item{
        {"userid", attribute_value::string("u-1 \"quoted\" \n\xc3\xa9")},
        {"age", attribute_value::number("42.0")},
        {"photo", attribute_value::binary(std::string("\x00\xff\x01", 3))},
        {"active", attribute_value::boolean(true)},
        {"nothing", attribute_value::null()},
        {"address", attribute_value::map({{"city", attribute_value::string("Oslo")}})},
        {"scores",
         attribute_value::list({attribute_value::number("1"), attribute_value::string("two")})},
        {"tags", attribute_value::string_set({"b", "a"})},
        {"lucky", attribute_value::number_set({"7", "-3"})},
        {"blobs", attribute_value::binary_set({"ab", "c"})},
        {"empty", attribute_value::string("")},
    };
}

std::string error_type(std::string_view json) {
    try {
        item_from_dynamodb_json(json);
    } catch (const table_error& error) {
        return error.type();
    }
    return "";
}

std::string error_message(std::string_view json) {
    try {
        item_from_dynamodb_json(json);
    } catch (const table_error& error) {
        return error.what();
    }
    return "";
}

TEST(ItemJson, RoundTripsEveryType) {
    const item original = sample_item();
    const std::string json = to_dynamodb_json(original);
    EXPECT_EQ(item_from_dynamodb_json(json), original);
}

TEST(ItemJson, WritesDynamoDbShape) {
    const item value{{"userid", attribute_value::string("x")},
                     {"age", attribute_value::number("042")},
                     {"b", attribute_value::binary("hi")},
                     {"n", attribute_value::null()}};
    EXPECT_EQ(to_dynamodb_json(value),
              R"({"age":{"N":"42"},"b":{"B":"aGk="},"n":{"NULL":true},"userid":{"S":"x"}})");
    EXPECT_EQ(to_dynamodb_json(attribute_value::number_set({"10", "9"})), R"({"NS":["9","10"]})");
}

TEST(ItemJson, ParsesSingleValue) {
    EXPECT_EQ(value_from_dynamodb_json(R"({"N":"1E3"})"), attribute_value::number("1000"));
    EXPECT_EQ(value_from_dynamodb_json(R"({"B":""})"), attribute_value::binary(""));
    EXPECT_EQ(value_from_dynamodb_json(R"({"L":[]})"), attribute_value::list({}));
}

TEST(ItemJson, Base64RoundTrips) {
    for (const std::string bytes : {"", "a", "ab", "abc", "abcd", "\xff\xfe\x00"}) {
        EXPECT_EQ(decode_base64(encode_base64(bytes)), bytes);
    }
    EXPECT_EQ(encode_base64("ab"), "YWI=");
    EXPECT_THROW(decode_base64("YWI"), table_error);
    EXPECT_THROW(decode_base64("Y=WI"), table_error);
    EXPECT_THROW(decode_base64("YW I"), table_error);
    EXPECT_THROW(decode_base64("Y==="), table_error);
}

TEST(ItemJson, RejectsMalformedJson) {
    EXPECT_EQ(error_type("{"), "SerializationException");
    EXPECT_EQ(error_type("[]"), "SerializationException");
    EXPECT_EQ(error_type(R"({"a":"x"})"), "SerializationException");
    EXPECT_EQ(error_type(R"({"a":{"S":5}})"), "SerializationException");
    EXPECT_EQ(error_type(R"({"a":{"N":1}})"), "SerializationException");
    EXPECT_EQ(error_type(R"({"a":{"B":"!!!!"}})"), "SerializationException");
    EXPECT_EQ(error_type(R"({"a":{"BOOL":"true"}})"), "SerializationException");
    EXPECT_EQ(error_type(R"({"a":{"SS":"x"}})"), "SerializationException");
}

TEST(ItemJson, RejectsInvalidValues) {
    EXPECT_EQ(error_message(R"({"a":{}})"),
              "Supplied AttributeValue is empty, must contain exactly one of the supported "
              "datatypes");
    EXPECT_EQ(error_message(R"({"a":{"S":"x","N":"1"}})"),
              "Supplied AttributeValue has more than one datatypes set, must contain exactly "
              "one of the supported datatypes");
    EXPECT_EQ(error_message(R"({"a":{"N":"b"}})"),
              "The parameter cannot be converted to a numeric value: b");
    EXPECT_EQ(error_message(R"({"a":{"NULL":false}})"),
              "One or more parameter values were invalid: Null attribute value types must have "
              "the value of true");
    EXPECT_EQ(error_message(R"({"a":{"SS":[]}})"),
              "One or more parameter values were invalid: An string set  may not be empty");
    EXPECT_EQ(error_message(R"({"a":{"SS":["a","a"]}})"),
              "One or more parameter values were invalid: Input collection [a, a] contains "
              "duplicates.");
    EXPECT_EQ(error_message(R"({"a":{"NS":["1","1.0"]}})"), "Input collection contains duplicates");
    EXPECT_EQ(error_message(R"({"a":{"BS":["Yg==","Yg=="]}})"),
              "One or more parameter values were invalid: Input collection [Yg==, Yg==]of type "
              "BS contains duplicates.");
    EXPECT_EQ(error_type(R"({"a":{"N":"1e126"}})"), "ValidationException");
}

TEST(ItemJson, LimitsNestingDepth) {
    const auto nested = [](int depth) {
        std::string json = R"({"a":)";
        for (int i = 0; i < depth; ++i) {
            json += R"({"L":[)";
        }
        json += R"({"S":"x"})";
        for (int i = 0; i < depth; ++i) {
            json += "]}";
        }
        return json + "}";
    };
    EXPECT_NO_THROW(item_from_dynamodb_json(nested(32)));
    EXPECT_EQ(error_type(nested(33)), "ValidationException");
}

}  // namespace
}  // namespace lambdad::storage
