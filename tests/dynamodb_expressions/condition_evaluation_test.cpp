#include "dynamodb/expressions/expressions.hpp"
#include "dynamodb_expressions/expression_test_support.hpp"

#include <gtest/gtest.h>

namespace lambdad::dynamodb::expr {
namespace {

using namespace testing;

// One attribute of every type, named after the type.
const item sample = {
    {"s", S("hello")},
    {"n", N("10")},
    {"b", B(std::string("\x01\xff", 2))},
    {"bool", attribute_value::boolean(true)},
    {"null", attribute_value::null()},
    {"ss", attribute_value::string_set({"x", "y"})},
    {"ns", attribute_value::number_set({"1", "2.5"})},
    {"bs", attribute_value::binary_set({"\x01", "\x02"})},
    {"l", L({S("a"), N("1"), M({{"k", S("v")}})})},
    {"m", M({{"inside", M({{"deep", N("7")}})}, {"nums", L({N("3"), N("4")})}})},
};

bool evaluate(std::string_view text, item values = {{":unused", N("0")}}) {
    return parse_with_values(text, std::move(values)).matches(sample);
}

TEST(ConditionEvaluation, ComparesNumbersByValue) {
    const item values = {{":ten", N("1E1")}, {":nine", N("9.99")}, {":big", N("100")}};
    EXPECT_TRUE(evaluate("n = :ten", values));
    EXPECT_FALSE(evaluate("n <> :ten", values));
    EXPECT_TRUE(evaluate("n > :nine", values));
    EXPECT_TRUE(evaluate("n >= :ten", values));
    EXPECT_TRUE(evaluate("n < :big", values));
    EXPECT_TRUE(evaluate("n <= :ten", values));
    EXPECT_FALSE(evaluate("n < :nine", values));
}

TEST(ConditionEvaluation, ComparesStringsAndBinariesByBytes) {
    const item values = {{":a", S("hellp")}, {":z", S("Hello")}, {":bin", B("\x01\x7f")}};
    EXPECT_TRUE(evaluate("s < :a", values));
    EXPECT_TRUE(evaluate("s > :z", values));    // 'h' (0x68) sorts after 'H' (0x48)
    EXPECT_TRUE(evaluate("b > :bin", values));  // 0xff compares as unsigned
}

TEST(ConditionEvaluation, OrderingAcrossTypesIsFalse) {
    const item values = {{":s", S("10")}};
    EXPECT_FALSE(evaluate("n < :s", values));
    EXPECT_FALSE(evaluate("n >= :s", values));
    EXPECT_FALSE(evaluate("n = :s", values));
    EXPECT_TRUE(evaluate("n <> :s", values));
}

TEST(ConditionEvaluation, OrderingOfNonScalarTypesIsFalse) {
    const item values = {{":l", L({S("a")})}, {":t", attribute_value::boolean(false)}};
    EXPECT_FALSE(evaluate("l > :l", values));
    EXPECT_FALSE(evaluate("bool > :t", values));
    EXPECT_FALSE(evaluate("ss >= bs", values));
}

TEST(ConditionEvaluation, EqualityCoversEveryType) {
    const item values = {
        {":b", B(std::string("\x01\xff", 2))},
        {":ss", attribute_value::string_set({"y", "x"})},
        {":ns", attribute_value::number_set({"2.50", "1"})},
        {":bs", attribute_value::binary_set({"\x02", "\x01"})},
        {":l", L({S("a"), N("1"), M({{"k", S("v")}})})},
        {":m", M({{"deep", N("7")}})},
    };
    EXPECT_TRUE(evaluate("b = :b", values));
    EXPECT_TRUE(evaluate("ss = :ss", values));
    EXPECT_TRUE(evaluate("ns = :ns", values));
    EXPECT_TRUE(evaluate("bs = :bs", values));
    EXPECT_TRUE(evaluate("l = :l", values));
    EXPECT_TRUE(evaluate("m.inside = :m", values));
    EXPECT_FALSE(evaluate("l[0] = :m", values));
}

TEST(ConditionEvaluation, ReservedTypeNamesWorkThroughPlaceholders) {
    attribute_context context(
        {{{"#bool", "bool"}, {"#null", "null"}}},
        item{{":t", attribute_value::boolean(true)}, {":n", attribute_value::null()}});
    const condition parsed =
        parse_condition("#bool = :t AND #null = :n", expression_kind::condition, context);
    EXPECT_TRUE(parsed.matches(sample));
}

TEST(ConditionEvaluation, MissingAttributesNeverThrow) {
    const item values = {{":v", N("1")}, {":s", S("a")}, {":t", S("N")}};
    for (const char* text :
         {"absent = :v", "absent < :v", "absent BETWEEN :v AND :v", "absent IN (:v)",
          "begins_with(absent, :s)", "contains(absent, :s)", "size(absent) = :v",
          "attribute_type(absent, :t)", "m.nothing.deeper = :v", "l[10] = :v", "s[0] = :v",
          "n.x = :v", "absent = elsewhere"}) {
        EXPECT_FALSE(evaluate(text, values)) << text;
    }
    EXPECT_TRUE(evaluate("absent <> :v", values));
    EXPECT_TRUE(evaluate("absent <> elsewhere", values));
    EXPECT_TRUE(evaluate("attribute_not_exists(absent)", values));
    EXPECT_FALSE(evaluate("attribute_exists(absent)", values));
    EXPECT_FALSE(parse_with_values("a = :v", values).matches(item{}));
}

TEST(ConditionEvaluation, ResolvesNestedPathsAndIndexes) {
    const item values = {{":seven", N("7")}, {":four", N("4")}, {":v", S("v")}};
    EXPECT_TRUE(evaluate("m.inside.deep = :seven", values));
    EXPECT_TRUE(evaluate("m.nums[1] = :four", values));
    EXPECT_TRUE(evaluate("l[2].k = :v", values));
    EXPECT_TRUE(evaluate("attribute_exists(m.inside)", values));
}

TEST(ConditionEvaluation, BetweenAndIn) {
    const item values = {{":lo", N("5")}, {":hi", N("10")}, {":x", N("11")}, {":s", S("hello")}};
    EXPECT_TRUE(evaluate("n BETWEEN :lo AND :hi", values));
    EXPECT_FALSE(evaluate("n BETWEEN :lo AND :lo", values));
    EXPECT_FALSE(evaluate("s BETWEEN :lo AND :hi", values));
    EXPECT_TRUE(evaluate("n IN (:x, :hi)", values));
    EXPECT_FALSE(evaluate("n IN (:x, :lo)", values));
    EXPECT_TRUE(evaluate("s IN (:s)", values));
}

TEST(ConditionEvaluation, AttributeTypeNamesEveryType) {
    for (const char* name : {"s", "n", "b", "bool", "null", "ss", "ns", "bs", "l", "m"}) {
        std::string type = name;
        for (auto& c : type) {
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        const item values = {{":t", S(type)}, {":other", S(type == "S" ? "N" : "S")}};
        attribute_context context({{{"#a", name}}}, values);
        EXPECT_TRUE(parse_condition("attribute_type(#a, :t)", expression_kind::condition, context)
                        .matches(sample))
            << name;
        attribute_context other({{{"#a", name}}}, values);
        EXPECT_FALSE(
            parse_condition("attribute_type(#a, :other)", expression_kind::condition, other)
                .matches(sample))
            << name;
    }
}

TEST(ConditionEvaluation, BeginsWithStringsAndBinaries) {
    const item values = {{":he", S("he")}, {":no", S("lo")}, {":b", B("\x01")}, {":n", N("1")}};
    EXPECT_TRUE(evaluate("begins_with(s, :he)", values));
    EXPECT_FALSE(evaluate("begins_with(s, :no)", values));
    EXPECT_TRUE(evaluate("begins_with(b, :b)", values));
    EXPECT_FALSE(evaluate("begins_with(b, :he)", values));
    EXPECT_FALSE(evaluate("begins_with(n, :he)", values));
    EXPECT_FALSE(evaluate("begins_with(l, :he)", values));
}

TEST(ConditionEvaluation, ContainsEveryContainerType) {
    const item values = {{":ell", S("ell")},  {":x", S("x")}, {":q", S("q")},   {":n", N("2.50")},
                         {":bin", B("\x02")}, {":a", S("a")}, {":one", N("1")}, {":ff", B("\xff")}};
    EXPECT_TRUE(evaluate("contains(s, :ell)", values));
    EXPECT_FALSE(evaluate("contains(s, :q)", values));
    EXPECT_TRUE(evaluate("contains(b, :ff)", values));
    EXPECT_TRUE(evaluate("contains(ss, :x)", values));
    EXPECT_FALSE(evaluate("contains(ss, :q)", values));
    EXPECT_TRUE(evaluate("contains(ns, :n)", values));
    EXPECT_FALSE(evaluate("contains(ns, :x)", values));
    EXPECT_TRUE(evaluate("contains(bs, :bin)", values));
    EXPECT_TRUE(evaluate("contains(l, :a)", values));
    EXPECT_TRUE(evaluate("contains(l, :one)", values));
    EXPECT_FALSE(evaluate("contains(l, :x)", values));
    EXPECT_FALSE(evaluate("contains(n, :one)", values));
    EXPECT_FALSE(evaluate("contains(m, :x)", values));
}

TEST(ConditionEvaluation, SizeOfEveryType) {
    const item values = {{":5", N("5")}, {":2", N("2")}, {":3", N("3")}};
    EXPECT_TRUE(evaluate("size(s) = :5", values));
    EXPECT_TRUE(evaluate("size(b) = :2", values));
    EXPECT_TRUE(evaluate("size(ss) = :2", values));
    EXPECT_TRUE(evaluate("size(ns) = :2", values));
    EXPECT_TRUE(evaluate("size(bs) = :2", values));
    EXPECT_TRUE(evaluate("size(l) = :3", values));
    EXPECT_TRUE(evaluate("size(m) = :2", values));
    EXPECT_FALSE(evaluate("size(n) = :2", values));
    EXPECT_FALSE(evaluate("size(ss) = size(n)", values));
    EXPECT_TRUE(evaluate("size(m.nums) < size(l)", values));
}

TEST(ConditionEvaluation, SizeCountsUtf16CodeUnits) {
    // U+00E9 is one UTF-16 unit (two UTF-8 bytes); U+1D11E is a surrogate pair (four bytes).
    const item subject = {{"s", S("\xC3\xA9\xF0\x9D\x84\x9E")}};
    EXPECT_TRUE(parse_with_values("size(s) = :n", {{":n", N("3")}}).matches(subject));
    EXPECT_FALSE(parse_with_values("size(s) = :n", {{":n", N("6")}}).matches(subject));
}

TEST(ConditionEvaluation, NotBindsTighterThanAndTighterThanOr) {
    const item values = {{":t", N("10")}, {":f", N("0")}};
    // OR is weakest: true OR (false AND false).
    EXPECT_TRUE(evaluate("n = :t OR n = :f AND n = :f", values));
    // (false AND true) OR true... and NOT applies only to the next comparison.
    EXPECT_TRUE(evaluate("NOT n = :f AND n = :t", values));
    EXPECT_FALSE(evaluate("NOT (n = :f OR n = :t)", values));
    EXPECT_FALSE(evaluate("(n = :t OR n = :f) AND n = :f", values));
    EXPECT_TRUE(evaluate("NOT NOT n = :t", values));
}

}  // namespace
}  // namespace lambdad::dynamodb::expr
