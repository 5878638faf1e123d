#include "dynamodb/expressions/expressions.hpp"
#include "dynamodb_expressions/expression_test_support.hpp"

#include <gtest/gtest.h>

namespace lambdad::dynamodb::expr {
namespace {

using namespace testing;

const item source = {
    {"id", S("k")},
    {"a", M({{"b", N("1")}, {"c", N("2")}, {"l", L({S("x"), S("y"), S("z")})}})},
    {"l", L({M({{"p", S("p0")}, {"q", S("q0")}}), M({{"p", S("p1")}}), S("two")})},
    {"top", N("3")},
};

item project(std::string_view text, attribute_context::name_map names = {}) {
    attribute_context context(names.empty() ? std::nullopt : std::optional(names), std::nullopt);
    return parse_projection(text, context).apply(source);
}

std::string projection_error(std::string_view text) {
    return error_of([&] { project(text); });
}

TEST(Projection, SelectsTopLevelAttributes) {
    const item result = project("id, top, absent");
    EXPECT_EQ(result, (item{{"id", S("k")}, {"top", N("3")}}));
}

TEST(Projection, SelectsNestedMapMembers) {
    const item result = project("a.b, a.l[1]");
    EXPECT_EQ(result, (item{{"a", M({{"b", N("1")}, {"l", L({S("y")})}})}}));
}

TEST(Projection, ClosesGapsBetweenListElements) {
    const item result = project("l[2], l[0].q, l[9]");
    EXPECT_EQ(result, (item{{"l", L({M({{"q", S("q0")}}), S("two")})}}));
}

TEST(Projection, OmitsAttributesWhoseSelectedPartsAreMissing) {
    EXPECT_TRUE(project("a.x, top.x, l[1].q").empty());
}

TEST(Projection, ResolvesNamePlaceholders) {
    EXPECT_EQ(project("#t", {{"#t", "top"}}), (item{{"top", N("3")}}));
}

TEST(Projection, RejectsOverlapsReservedWordsAndSyntaxErrors) {
    EXPECT_EQ(projection_error("a, a.b"),
              "Invalid ProjectionExpression: Two document paths overlap with each other; must "
              "remove or rewrite one of these paths; path one: [a], path two: [a, b]");
    EXPECT_EQ(projection_error("a.b, a[0]"),
              "Invalid ProjectionExpression: Two document paths conflict with each other; must "
              "remove or rewrite one of these paths; path one: [a, b], path two: [a, [0]]");
    EXPECT_EQ(projection_error("name"),
              "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved "
              "keyword: name");
    EXPECT_EQ(projection_error("a,"),
              "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
    EXPECT_EQ(projection_error("a b"),
              "Invalid ProjectionExpression: Syntax error; token: \"b\", near: \"a b\"");
    EXPECT_EQ(projection_error(":v"),
              "Invalid ProjectionExpression: Syntax error; token: \":v\", near: \":v\"");
    EXPECT_EQ(projection_error("#x"),
              "Invalid ProjectionExpression: An expression attribute name used in the document "
              "path is not defined; attribute name: #x");
}

TEST(Projection, ListsTopLevelAttributeNames) {
    attribute_context context;
    EXPECT_EQ(parse_projection("a.b, l[0], a.c, top", context).attribute_names(),
              (std::vector<std::string>{"a", "l", "top"}));
}

TEST(AttributesToGet, TranslatesToTopLevelProjection) {
    const projection translated = translate_attributes_to_get({"top", "a.b"});
    // Legacy names are literal: "a.b" is one attribute name, not a path.
    EXPECT_EQ(translated.apply(source), (item{{"top", N("3")}}));
    EXPECT_EQ(error_of([] {
                  translate_attributes_to_get({"a", "a"});
              }),
              "One or more parameter values were invalid: Duplicate value in attribute name: a");
}

}  // namespace
}  // namespace lambdad::dynamodb::expr
