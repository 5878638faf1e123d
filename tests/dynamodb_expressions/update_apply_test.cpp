#include "dynamodb/expressions/expressions.hpp"
#include "dynamodb_expressions/expression_test_support.hpp"

#include <gtest/gtest.h>

namespace lambdad::dynamodb::expr {
namespace {

using namespace testing;

const item original = {
    {"id", S("k")},
    {"visits", N("5")},
    {"cost", N("0.1")},
    {"tags", attribute_value::string_set({"a", "b"})},
    {"scores", attribute_value::number_set({"1", "2"})},
    {"letters", L({S("x"), S("y"), S("z")})},
    {"doc", M({{"inside", M({{"v", N("1")}})}, {"nums", L({N("1"), N("2")})}})},
    {"greeting", S("hello")},
};

const item values = {
    {":one", N("1")},
    {":tenth", N("0.2")},
    {":s", S("new")},
    {":letters", L({S("w")})},
    {":tags", attribute_value::string_set({"b", "c"})},
    {":scores", attribute_value::number_set({"2.0", "3"})},
    {":bins", attribute_value::binary_set({"\x01"})},
    {":huge", N("99999999999999999999999999999999999999")},
    {":tiny", N("0.00000000000000000000000000000000000001")},
};

item apply_update(std::string_view expression_text, const item& subject = original) {
    attribute_context context(std::nullopt, values);
    return parse_update(expression_text, context).apply(subject);
}

std::string apply_error(std::string_view expression_text, const item& subject = original) {
    return error_of([&] { apply_update(expression_text, subject); });
}

TEST(UpdateApply, SetsTopLevelAndNestedValues) {
    const item result = apply_update("SET a = :s, doc.inside.w = :one, doc.nums[0] = :s");
    EXPECT_EQ(result.at("a"), S("new"));
    EXPECT_EQ(result.at("doc").members().at("inside").members().at("w"), N("1"));
    EXPECT_EQ(result.at("doc").members().at("nums").elements()[0], S("new"));
    EXPECT_EQ(result.at("id"), S("k"));
}

TEST(UpdateApply, SetPastListEndAppends) {
    const item result = apply_update("SET letters[10] = :s");
    ASSERT_EQ(result.at("letters").elements().size(), 4u);
    EXPECT_EQ(result.at("letters").elements()[3], S("new"));
}

TEST(UpdateApply, ArithmeticIsExactDecimal) {
    const item result =
        apply_update("SET visits = visits + :one, cost = cost + :tenth, d = visits - :tenth");
    EXPECT_EQ(result.at("visits"), N("6"));
    EXPECT_EQ(result.at("cost").scalar(), "0.3");
    EXPECT_EQ(result.at("d").scalar(), "4.8");
}

TEST(UpdateApply, ArithmeticKeepsThirtyEightDigits) {
    const item result = apply_update("SET a = :huge - :one");
    EXPECT_EQ(result.at("a").scalar(), "99999999999999999999999999999999999998");
    EXPECT_EQ(apply_error("SET a = :huge + :tiny"),
              "Attempting to store more than 38 significant digits in a Number");
    // 10^38 has one significant digit, so it fits.
    EXPECT_EQ(apply_update("SET a = :huge + :one").at("a").scalar(), "1" + std::string(38, '0'));
}

TEST(UpdateApply, ValuesComeFromOriginalItem) {
    const item result = apply_update("SET visits = :one, duplicate = visits");
    EXPECT_EQ(result.at("duplicate"), N("5"));
    EXPECT_EQ(result.at("visits"), N("1"));
}

TEST(UpdateApply, IfNotExistsAndListAppend) {
    const item result = apply_update(
        "SET visits = if_not_exists(visits, :one), fresh = if_not_exists(fresh, :one), "
        "letters = list_append(letters, :letters), prepended = list_append(:letters, letters)");
    EXPECT_EQ(result.at("visits"), N("5"));
    EXPECT_EQ(result.at("fresh"), N("1"));
    EXPECT_EQ(result.at("letters").elements().back(), S("w"));
    EXPECT_EQ(result.at("prepended").elements().front(), S("w"));
    EXPECT_EQ(result.at("prepended").elements().size(), 4u);
}

TEST(UpdateApply, RemovesAttributesAndListElements) {
    const item result = apply_update(
        "REMOVE greeting, letters[0], letters[2], doc.inside.v, nothing, doc.gone.such");
    EXPECT_FALSE(result.contains("greeting"));
    ASSERT_EQ(result.at("letters").elements().size(), 1u);
    EXPECT_EQ(result.at("letters").elements()[0], S("y"));
    EXPECT_TRUE(result.at("doc").members().at("inside").members().empty());
}

TEST(UpdateApply, AddsNumbersAndSets) {
    const item result =
        apply_update("ADD visits :one, fresh :one, tags :tags, scores :scores, bins :bins");
    EXPECT_EQ(result.at("visits"), N("6"));
    EXPECT_EQ(result.at("fresh"), N("1"));
    EXPECT_EQ(result.at("tags"), attribute_value::string_set({"a", "b", "c"}));
    EXPECT_EQ(result.at("scores"), attribute_value::number_set({"1", "2", "3"}));
    EXPECT_EQ(result.at("bins"), attribute_value::binary_set({"\x01"}));
}

TEST(UpdateApply, DeletesSetMembers) {
    const item result = apply_update("DELETE tags :tags, scores :scores, absent :tags");
    EXPECT_EQ(result.at("tags"), attribute_value::string_set({"a"}));
    EXPECT_EQ(result.at("scores"), attribute_value::number_set({"1"}));
    EXPECT_FALSE(result.contains("absent"));
    const item emptied =
        apply_update("DELETE tags :tags", item{{"tags", attribute_value::string_set({"b", "c"})}});
    EXPECT_FALSE(emptied.contains("tags"));
}

TEST(UpdateApply, CreatesItemFromNothing) {
    const item result = apply_update("SET a = :s ADD n :one", item{});
    EXPECT_EQ(result.size(), 2u);
}

TEST(UpdateApply, ReportsTypeErrors) {
    const std::string wrong_type = "An operand in the update expression has an incorrect data type";
    EXPECT_EQ(apply_error("SET a = greeting + :one"), wrong_type);
    EXPECT_EQ(apply_error("SET a = list_append(greeting, :letters)"), wrong_type);
    EXPECT_EQ(apply_error("ADD greeting :one"), wrong_type);
    EXPECT_EQ(apply_error("ADD tags :scores"), wrong_type);
    EXPECT_EQ(apply_error("DELETE tags :scores"), wrong_type);
    EXPECT_EQ(apply_error("DELETE visits :tags"), wrong_type);
}

TEST(UpdateApply, ReportsMissingOperandsAndInvalidPaths) {
    EXPECT_EQ(apply_error("SET a = absent"),
              "The provided expression refers to an attribute that does not exist in the item");
    EXPECT_EQ(apply_error("SET a = absent + :one"),
              "The provided expression refers to an attribute that does not exist in the item");
    const std::string invalid =
        "The document path provided in the update expression is invalid for update";
    EXPECT_EQ(apply_error("SET absent.a = :one"), invalid);
    EXPECT_EQ(apply_error("SET doc.gone.a = :one"), invalid);
    EXPECT_EQ(apply_error("SET greeting[0] = :one"), invalid);
    EXPECT_EQ(apply_error("SET letters.a = :one"), invalid);
    EXPECT_EQ(apply_error("SET letters[7].a = :one"), invalid);
    EXPECT_EQ(apply_error("ADD absent.a :one"), invalid);
}

TEST(AttributeUpdates, TranslatesEveryAction) {
    const update translated = translate_attribute_updates({
        {"greeting", "PUT", S("put")},
        {"visits", "ADD", N("2")},
        {"tags", "DELETE", attribute_value::string_set({"a"})},
        {"cost", "DELETE", std::nullopt},
        {"letters", "ADD", L({S("w")})},
        {"fresh", "ADD", L({S("w")})},
    });
    const item result = translated.apply(original);
    EXPECT_EQ(result.at("greeting"), S("put"));
    EXPECT_EQ(result.at("visits"), N("7"));
    EXPECT_EQ(result.at("tags"), attribute_value::string_set({"b"}));
    EXPECT_FALSE(result.contains("cost"));
    EXPECT_EQ(result.at("letters").elements().size(), 4u);
    EXPECT_EQ(result.at("fresh"), L({S("w")}));
    EXPECT_EQ(translated.updated_paths().size(), 6u);
}

TEST(AttributeUpdates, RejectsInvalidActions) {
    EXPECT_EQ(error_of([] {
                  translate_attribute_updates({{"a", "PUT", std::nullopt}});
              }),
              "One or more parameter values were invalid: Only DELETE action is allowed when no "
              "attribute value is specified");
    EXPECT_EQ(error_of([] {
                  translate_attribute_updates({{"a", "ADD", S("x")}});
              }),
              "One or more parameter values were invalid: ADD action is not supported for the "
              "type S");
    EXPECT_EQ(error_of([] {
                  translate_attribute_updates({{"a", "DELETE", N("1")}});
              }),
              "One or more parameter values were invalid: DELETE action with value is not "
              "supported for the type N");
    EXPECT_EQ(error_of([] {
                  translate_attribute_updates({{"a", "MOVE", N("1")}});
              }),
              "1 validation error detected: Value 'MOVE' at 'attributeUpdates.a.member.action' "
              "failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, "
              "DELETE]");
}

}  // namespace
}  // namespace lambdad::dynamodb::expr
