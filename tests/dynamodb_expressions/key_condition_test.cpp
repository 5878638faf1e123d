#include "dynamodb/expressions/expressions.hpp"
#include "dynamodb_expressions/expression_test_support.hpp"

#include <gtest/gtest.h>

namespace lambdad::dynamodb::expr {
namespace {

using namespace testing;

const key_schema schema{{"pk", attribute_value::kind::S},
                        key_attribute{"sk", attribute_value::kind::N}};

const item values = {{":p", S("user")}, {":one", N("1")}, {":nine", N("9")}, {":s", S("x")}};

key_condition parse_key(std::string_view text) {
    attribute_context context(std::nullopt, values);
    return parse_key_condition(text, schema, context);
}

std::string key_error(std::string_view text) {
    return error_of([&] { parse_key(text); });
}

TEST(KeyCondition, ExtractsHashEquality) {
    const key_condition parsed = parse_key("pk = :p");
    EXPECT_EQ(parsed.hash_value, S("user"));
    EXPECT_FALSE(parsed.range.has_value());
}

TEST(KeyCondition, ExtractsEveryRangeOperator) {
    const std::vector<std::pair<const char*, range_operator>> cases = {
        {"sk = :one", range_operator::equal},
        {"sk < :one", range_operator::less},
        {"sk <= :one", range_operator::less_or_equal},
        {"sk > :one", range_operator::greater},
        {"sk >= :one", range_operator::greater_or_equal},
        {"sk BETWEEN :one AND :nine", range_operator::between},
    };
    for (const auto& [range_text, op] : cases) {
        const key_condition parsed = parse_key(std::string("pk = :p AND ") + range_text);
        ASSERT_TRUE(parsed.range.has_value()) << range_text;
        EXPECT_EQ(parsed.range->op, op) << range_text;
        EXPECT_EQ(parsed.range->value, N("1")) << range_text;
    }
    const key_condition between = parse_key("sk BETWEEN :one AND :nine AND pk = :p");
    EXPECT_EQ(between.range->upper, N("9"));
}

TEST(KeyCondition, ExtractsBeginsWith) {
    const key_schema string_range{{"pk", attribute_value::kind::S},
                                  key_attribute{"sk", attribute_value::kind::S}};
    attribute_context context(std::nullopt, values);
    const key_condition parsed =
        parse_key_condition("(pk = :p) AND begins_with(sk, :s)", string_range, context);
    ASSERT_TRUE(parsed.range.has_value());
    EXPECT_EQ(parsed.range->op, range_operator::begins_with);
    EXPECT_EQ(parsed.range->value, S("x"));
    EXPECT_TRUE(parsed.matches({{"pk", S("user")}, {"sk", S("xyz")}}, string_range));
    EXPECT_FALSE(parsed.matches({{"pk", S("user")}, {"sk", S("yx")}}, string_range));
}

TEST(KeyCondition, RejectsUnsupportedOperators) {
    EXPECT_EQ(key_error("pk = :p OR sk = :one"),
              "Invalid operator used in KeyConditionExpression: OR");
    EXPECT_EQ(key_error("pk = :p AND NOT sk = :one"),
              "Invalid operator used in KeyConditionExpression: NOT");
    EXPECT_EQ(key_error("pk = :p AND sk IN (:one)"),
              "Invalid operator used in KeyConditionExpression: IN");
    EXPECT_EQ(key_error("pk = :p AND sk <> :one"),
              "Invalid operator used in KeyConditionExpression: <>");
    EXPECT_EQ(key_error("pk = :p AND attribute_exists(sk)"),
              "Invalid operator used in KeyConditionExpression: attribute_exists");
    EXPECT_EQ(key_error("pk < :p"), "Query key condition not supported");
}

TEST(KeyCondition, RequiresHashKeyOnceEach) {
    EXPECT_EQ(key_error("sk = :one"), "Query condition missed key schema element: pk");
    EXPECT_EQ(key_error("extra = :one AND pk = :p"),
              "Query condition missed key schema element: sk");
    EXPECT_EQ(key_error("pk = :p AND pk = :p"),
              "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one "
              "condition per key");
    EXPECT_EQ(key_error("pk = :p AND sk > :one AND sk < :nine"),
              "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one "
              "condition per key");
}

TEST(KeyCondition, ChecksValueTypesAgainstSchema) {
    EXPECT_EQ(key_error("pk = :one"),
              "One or more parameter values were invalid: Condition parameter type does not "
              "match schema type");
    EXPECT_EQ(key_error("pk = :p AND sk > :s"),
              "One or more parameter values were invalid: Condition parameter type does not "
              "match schema type");
}

TEST(KeyCondition, ReportsExpressionErrorsWithItsName) {
    EXPECT_EQ(key_error("pk = :nope"),
              "Invalid KeyConditionExpression: An expression attribute value used in expression "
              "is not defined; attribute value: :nope");
}

TEST(KeyCondition, MatchesItems) {
    const key_condition parsed = parse_key("pk = :p AND sk BETWEEN :one AND :nine");
    EXPECT_TRUE(parsed.matches({{"pk", S("user")}, {"sk", N("5")}}, schema));
    EXPECT_TRUE(parsed.matches({{"pk", S("user")}, {"sk", N("9")}}, schema));
    EXPECT_FALSE(parsed.matches({{"pk", S("user")}, {"sk", N("10")}}, schema));
    EXPECT_FALSE(parsed.matches({{"pk", S("other")}, {"sk", N("5")}}, schema));
    EXPECT_FALSE(parsed.matches({{"pk", S("user")}}, schema));
}

TEST(KeyConditions, TranslatesLegacyConditions) {
    const key_condition parsed = translate_key_conditions(
        {{"pk", "EQ", std::vector{S("user")}, std::nullopt, std::nullopt},
         {"sk", "BETWEEN", std::vector{N("1"), N("9")}, std::nullopt, std::nullopt}},
        schema);
    EXPECT_EQ(parsed.hash_value, S("user"));
    ASSERT_TRUE(parsed.range.has_value());
    EXPECT_EQ(parsed.range->op, range_operator::between);
    EXPECT_EQ(parsed.range->upper, N("9"));
    EXPECT_EQ(error_of([] {
                  translate_key_conditions(
                      {{"pk", "NE", std::vector{S("user")}, std::nullopt, std::nullopt}}, schema);
              }),
              "Attempted conditional constraint is not an indexable operation");
}

}  // namespace
}  // namespace lambdad::dynamodb::expr
