#include "dynamodb/expressions/expressions.hpp"
#include "dynamodb_expressions/expression_test_support.hpp"

#include <gtest/gtest.h>

namespace lambdad::dynamodb::expr {
namespace {

using namespace testing;

std::string update_error(std::string_view text, item values = {{":v", N("1")}},
                         attribute_context::name_map names = {}) {
    return error_of([&] {
        attribute_context context(names.empty() ? std::nullopt : std::optional(names),
                                  values.empty() ? std::nullopt : std::optional(values));
        parse_update(text, context);
    });
}

TEST(UpdateParser, AcceptsEveryClause) {
    const item values = {
        {":v", N("1")}, {":l", L({})}, {":ss", attribute_value::string_set({"a"})}};
    for (const char* text : {
             "SET a = :v",
             "SET a = b + :v, c = d - :v",
             "SET a = list_append(a, :l)",
             "SET a = if_not_exists(a, :v) + :v",
             "SET a = (b + :v)",
             "SET a.b[1].c = :v",
             "SET a = list_append(if_not_exists(a, :l), :l)",
             "REMOVE a, b.c, d[1]",
             "ADD a :v, b :ss",
             "DELETE a :ss",
             "SET a = :v REMOVE b ADD c :v DELETE d :ss",
             "set a = :v remove b",
             "SET a = b + c + :v",
         }) {
        EXPECT_EQ(update_error(text, values), "no error") << text;
    }
}

TEST(UpdateParser, ReportsSyntaxErrors) {
    EXPECT_EQ(update_error("a = :v"),
              "Invalid UpdateExpression: Syntax error; token: \"a\", near: \"a =\"");
    EXPECT_EQ(update_error("SET a :v"),
              "Invalid UpdateExpression: Syntax error; token: \":v\", near: \"a :v\"");
    EXPECT_EQ(update_error("SET a = :v,"),
              "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \",\"");
    EXPECT_EQ(update_error("ADD a b"),
              "Invalid UpdateExpression: Syntax error; token: \"b\", near: \"a b\"");
    EXPECT_EQ(update_error("SET a = :v * :v"),
              "Invalid UpdateExpression: Syntax error; token: \"*\", near: \":v * :v\"");
    EXPECT_EQ(update_error("SET"),
              "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"SET\"");
    EXPECT_EQ(update_error(""), "Invalid UpdateExpression: The expression can not be empty;");
}

TEST(UpdateParser, SyntaxErrorsMatchDynamoDbReplies) {
    // Messages that DynamoDB returned for these expressions, as quoted in public bug reports.
    EXPECT_EQ(update_error("ADD hits : incr", {{":incr", N("1")}}),
              "Invalid UpdateExpression: Syntax error; token: \":\", near: \"hits : incr\"");
    EXPECT_EQ(update_error("INVALID SYNTAX HERE"),
              "Invalid UpdateExpression: Syntax error; token: \"INVALID\", near: \"INVALID "
              "SYNTAX\"");
    EXPECT_EQ(update_error("SET path = VALUE 1"),
              "Invalid UpdateExpression: Syntax error; token: \"1\", near: \"VALUE 1\"");
}

TEST(UpdateParser, RejectsRepeatedSections) {
    EXPECT_EQ(update_error("SET a = :v SET b = :v"),
              "Invalid UpdateExpression: The \"SET\" section can only be used once in an update "
              "expression;");
    EXPECT_EQ(update_error("REMOVE a remove b"),
              "Invalid UpdateExpression: The \"REMOVE\" section can only be used once in an "
              "update expression;");
}

TEST(UpdateParser, RejectsOverlappingAndConflictingPaths) {
    EXPECT_EQ(update_error("SET a = :v REMOVE a"),
              "Invalid UpdateExpression: Two document paths overlap with each other; must "
              "remove or rewrite one of these paths; path one: [a], path two: [a]");
    EXPECT_EQ(update_error("SET a.b = :v REMOVE a"),
              "Invalid UpdateExpression: Two document paths overlap with each other; must "
              "remove or rewrite one of these paths; path one: [a, b], path two: [a]");
    EXPECT_EQ(update_error("REMOVE a, a.b[1]"),
              "Invalid UpdateExpression: Two document paths overlap with each other; must "
              "remove or rewrite one of these paths; path one: [a], path two: [a, b, [1]]");
    EXPECT_EQ(update_error("SET a.b = :v, a[0] = :v"),
              "Invalid UpdateExpression: Two document paths conflict with each other; must "
              "remove or rewrite one of these paths; path one: [a, b], path two: [a, [0]]");
    EXPECT_EQ(update_error("SET a.b = :v, a.c = :v, a[1] = :v, d[1] = :v, d[2] = :v"),
              "Invalid UpdateExpression: Two document paths conflict with each other; must "
              "remove or rewrite one of these paths; path one: [a, b], path two: [a, [1]]");
}

TEST(UpdateParser, ChecksOperandTypes) {
    EXPECT_EQ(update_error("ADD a :s", {{":s", S("x")}}),
              "Invalid UpdateExpression: Incorrect operand type for operator or function; "
              "operator: ADD, operand type: STRING");
    EXPECT_EQ(update_error("DELETE a :v"),
              "Invalid UpdateExpression: Incorrect operand type for operator or function; "
              "operator: DELETE, operand type: NUMBER");
    EXPECT_EQ(update_error("ADD a :m", {{":m", M({})}}),
              "Invalid UpdateExpression: Incorrect operand type for operator or function; "
              "operator: ADD, operand type: MAP");
    EXPECT_EQ(update_error("SET a = b + :s", {{":s", S("x")}}),
              "Invalid UpdateExpression: Incorrect operand type for operator or function; "
              "operator or function: +, operand type: S");
    EXPECT_EQ(update_error("SET a = list_append(a, :v)"),
              "Invalid UpdateExpression: Incorrect operand type for operator or function; "
              "operator or function: list_append, operand type: N");
    EXPECT_EQ(update_error("SET a = if_not_exists(:v, :v)"),
              "Invalid UpdateExpression: Operator or function requires a document path; "
              "operator or function: if_not_exists");
    EXPECT_EQ(update_error("SET a = list_append(a)"),
              "Invalid UpdateExpression: Incorrect number of operands for operator or function; "
              "operator or function: list_append, number of operands: 1");
}

TEST(UpdateParser, RejectsConditionFunctionsAndUnknownNames) {
    EXPECT_EQ(update_error("SET a = size(b)"),
              "Invalid UpdateExpression: The function is not allowed in an update expression; "
              "function: size");
    EXPECT_EQ(update_error("SET a = foo(b)"),
              "Invalid UpdateExpression: Invalid function name; function: foo");
}

TEST(UpdateParser, ChecksNamesValuesAndReservedWords) {
    EXPECT_EQ(update_error("SET #n = :v"),
              "Invalid UpdateExpression: An expression attribute name used in the document path "
              "is not defined; attribute name: #n");
    EXPECT_EQ(update_error("SET a = :x"),
              "Invalid UpdateExpression: An expression attribute value used in expression is not "
              "defined; attribute value: :x");
    EXPECT_EQ(update_error("SET size = :v"),
              "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: "
              "size");
    // Reserved words outrank undefined placeholders in update expressions.
    EXPECT_EQ(update_error("SET size = :x"),
              "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: "
              "size");
}

TEST(UpdateParser, EnforcesOperatorLimit) {
    std::string text = "SET a = :v";
    for (int i = 0; i < 300; ++i) {
        text += "+:v";
    }
    EXPECT_EQ(update_error(text), "no error");
    EXPECT_EQ(update_error(text + "+:v"),
              "Invalid UpdateExpression: The expression contains too many operators; operator "
              "count: 301");
}

TEST(UpdateParser, ListsUpdatedPaths) {
    attribute_context context(std::nullopt, item{{":v", N("1")}});
    const update parsed = parse_update("SET a.b = :v REMOVE c[2] ADD d :v", context);
    const std::vector<document_path> expected = {{"a", "b"}, {"c", std::size_t{2}}, {"d"}};
    EXPECT_EQ(parsed.updated_paths(), expected);
}

TEST(UpdateParser, AcceptsThousandDistinctPaths) {
    // About 1,000 distinct paths fit in 4 KB; each is checked against all earlier ones.
    std::string text = "REMOVE a0";
    for (int i = 1; text.size() < 4000; ++i) {
        text += ",a" + std::to_string(i);
    }
    EXPECT_EQ(update_error(text, {}), "no error");
}

}  // namespace
}  // namespace lambdad::dynamodb::expr
