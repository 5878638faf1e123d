#include "dynamodb/expressions/expressions.hpp"
#include "dynamodb_expressions/expression_test_support.hpp"

#include <gtest/gtest.h>

namespace lambdad::dynamodb::expr {
namespace {

using namespace testing;

const item subject = {
    {"s", S("hello")},
    {"n", N("10")},
    {"ss", attribute_value::string_set({"x", "y"})},
    {"l", L({S("a")})},
};

legacy_condition with_operator(std::string attribute, std::string op,
                               std::vector<attribute_value> values) {
    return {std::move(attribute), std::move(op), std::move(values), std::nullopt, std::nullopt};
}

bool filter_matches(const std::vector<legacy_condition>& conditions,
                    conditional_operator op = conditional_operator::and_) {
    return translate_conditions(conditions, op, legacy_condition_kind::scan_filter)
        .matches(subject);
}

std::string filter_error(const legacy_condition& entry) {
    return error_of([&] {
        translate_conditions({entry}, conditional_operator::and_,
                             legacy_condition_kind::query_filter);
    });
}

TEST(LegacyConditions, EveryComparisonOperator) {
    EXPECT_TRUE(filter_matches({with_operator("n", "EQ", {N("1E1")})}));
    EXPECT_TRUE(filter_matches({with_operator("n", "NE", {N("1")})}));
    EXPECT_TRUE(filter_matches({with_operator("absent", "NE", {N("1")})}));
    EXPECT_TRUE(filter_matches({with_operator("n", "LE", {N("10")})}));
    EXPECT_FALSE(filter_matches({with_operator("n", "LT", {N("10")})}));
    EXPECT_TRUE(filter_matches({with_operator("n", "GE", {N("10")})}));
    EXPECT_FALSE(filter_matches({with_operator("n", "GT", {N("10")})}));
    EXPECT_TRUE(filter_matches({with_operator("n", "NOT_NULL", {})}));
    EXPECT_TRUE(filter_matches({with_operator("absent", "NULL", {})}));
    EXPECT_TRUE(filter_matches({with_operator("s", "CONTAINS", {S("ell")})}));
    EXPECT_TRUE(filter_matches({with_operator("ss", "CONTAINS", {S("x")})}));
    EXPECT_TRUE(filter_matches({with_operator("l", "CONTAINS", {S("a")})}));
    EXPECT_TRUE(filter_matches({with_operator("ss", "NOT_CONTAINS", {S("z")})}));
    EXPECT_FALSE(filter_matches({with_operator("s", "NOT_CONTAINS", {S("ell")})}));
    EXPECT_TRUE(filter_matches({with_operator("s", "BEGINS_WITH", {S("he")})}));
    EXPECT_TRUE(filter_matches({with_operator("n", "IN", {N("3"), N("10")})}));
    EXPECT_TRUE(filter_matches({with_operator("n", "BETWEEN", {N("5"), N("10")})}));
    EXPECT_FALSE(filter_matches({with_operator("n", "BETWEEN", {N("11"), N("12")})}));
}

TEST(LegacyConditions, ConditionalOperatorCombinesEntries) {
    const std::vector<legacy_condition> mixed = {with_operator("n", "EQ", {N("10")}),
                                                 with_operator("s", "EQ", {S("nope")})};
    EXPECT_FALSE(filter_matches(mixed, conditional_operator::and_));
    EXPECT_TRUE(filter_matches(mixed, conditional_operator::or_));
    EXPECT_TRUE(filter_matches({}, conditional_operator::or_));
    EXPECT_TRUE(filter_matches({}, conditional_operator::and_));
}

TEST(LegacyConditions, RejectsInvalidEntries) {
    EXPECT_EQ(filter_error(with_operator("n", "EQ", {})),
              "One or more parameter values were invalid: Invalid number of argument(s) for the "
              "EQ ComparisonOperator");
    EXPECT_EQ(filter_error(with_operator("n", "BETWEEN", {N("1")})),
              "One or more parameter values were invalid: Invalid number of argument(s) for the "
              "BETWEEN ComparisonOperator");
    EXPECT_EQ(filter_error(with_operator("n", "NULL", {N("1")})),
              "One or more parameter values were invalid: Invalid number of argument(s) for the "
              "NULL ComparisonOperator");
    EXPECT_EQ(filter_error(with_operator("n", "LT", {attribute_value::string_set({"a"})})),
              "One or more parameter values were invalid: ComparisonOperator LT is not valid for "
              "SS AttributeValue type");
    EXPECT_EQ(filter_error(with_operator("n", "BEGINS_WITH", {N("1")})),
              "One or more parameter values were invalid: ComparisonOperator BEGINS_WITH is not "
              "valid for N AttributeValue type");
    EXPECT_EQ(filter_error(with_operator("n", "IN", {N("1"), S("1")})),
              "One or more parameter values were invalid: AttributeValues inside "
              "AttributeValueList must be of same type");
    EXPECT_EQ(filter_error(with_operator("n", "BETWEEN", {N("5"), N("1")})),
              "The BETWEEN condition was provided a range where the lower bound is greater than "
              "the upper bound");
    EXPECT_NE(filter_error(with_operator("n", "LIKE", {N("1")})), "no error");
}

std::string expected_error(legacy_condition entry) {
    return error_of([&] {
        translate_conditions({std::move(entry)}, conditional_operator::and_,
                             legacy_condition_kind::expected);
    });
}

bool expected_matches(legacy_condition entry) {
    return translate_conditions({std::move(entry)}, conditional_operator::and_,
                                legacy_condition_kind::expected)
        .matches(subject);
}

TEST(ExpectedConditions, ValueAndExistsForms) {
    EXPECT_TRUE(expected_matches({"n", std::nullopt, std::nullopt, N("10"), std::nullopt}));
    EXPECT_TRUE(expected_matches({"n", std::nullopt, std::nullopt, N("10"), true}));
    EXPECT_FALSE(expected_matches({"n", std::nullopt, std::nullopt, N("11"), true}));
    EXPECT_TRUE(expected_matches({"absent", std::nullopt, std::nullopt, std::nullopt, false}));
    EXPECT_FALSE(expected_matches({"n", std::nullopt, std::nullopt, std::nullopt, false}));
    // An empty AttributeValueList is the same as none.
    EXPECT_TRUE(expected_matches(
        {"n", std::nullopt, std::vector<attribute_value>{}, N("10"), std::nullopt}));
    // Value replaces a one-element AttributeValueList next to ComparisonOperator.
    EXPECT_TRUE(expected_matches({"n", "GT", std::nullopt, N("5"), std::nullopt}));
}

TEST(ExpectedConditions, RejectsInconsistentEntries) {
    const std::string prefix = "One or more parameter values were invalid: ";
    EXPECT_EQ(expected_error({"a", std::nullopt, std::nullopt, std::nullopt, std::nullopt}),
              prefix + "Value must be provided when Exists is null for Attribute: a");
    EXPECT_EQ(expected_error({"a", std::nullopt, std::nullopt, std::nullopt, true}),
              prefix + "Value must be provided when Exists is true for Attribute: a");
    EXPECT_EQ(expected_error({"a", std::nullopt, std::nullopt, N("1"), false}),
              prefix + "Value cannot be used when Exists is false for Attribute: a");
    EXPECT_EQ(expected_error({"a", "EQ", std::nullopt, N("1"), true}),
              prefix + "Exists and ComparisonOperator cannot be used together for Attribute: a");
    EXPECT_EQ(expected_error({"a", "EQ", std::vector{N("1")}, N("1"), std::nullopt}),
              prefix + "Value and AttributeValueList cannot be used together for Attribute: a");
    EXPECT_EQ(expected_error({"a", std::nullopt, std::vector{N("1")}, std::nullopt, std::nullopt}),
              prefix +
                  "AttributeValueList can only be used with a ComparisonOperator for "
                  "Attribute: a");
    EXPECT_EQ(expected_error({"a", "EQ", std::nullopt, std::nullopt, std::nullopt}),
              prefix +
                  "Value or AttributeValueList must be used with ComparisonOperator: EQ for "
                  "Attribute: a");
}

}  // namespace
}  // namespace lambdad::dynamodb::expr
