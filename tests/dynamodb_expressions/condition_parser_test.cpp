#include "dynamodb/expressions/expressions.hpp"
#include "dynamodb_expressions/expression_test_support.hpp"

#include <gtest/gtest.h>

namespace lambdad::dynamodb::expr {
namespace {

using namespace testing;

const item one_value = {{":v", N("1")}};

TEST(ConditionParser, AcceptsEveryOperatorAndFunction) {
    const item values = {{":v", N("1")}, {":w", N("2")}, {":s", S("x")}, {":t", S("S")}};
    for (const char* text : {
             "a = :v",
             "a <> :v",
             "a < :v",
             "a <= :v",
             "a > :v",
             "a >= :v",
             "a BETWEEN :v AND :w",
             "a IN (:v, :w)",
             "attribute_exists(a)",
             "attribute_not_exists(a.b[1].c)",
             "attribute_type(a, :t)",
             "begins_with(a, :s)",
             "contains(a, :s)",
             "size(a) > :v",
             "NOT a = :v",
             "a = :v AND b = :v OR c = :v",
             "(a = :v)",
             "(a) = :v",
             "a = (:v)",
             "a.b[2] = :v AND NOT (c < :w)",
             "a between :v and :w",
             "a in (:v)",
             "not a = :v",
             "a[0][1].b = :v",
         }) {
        EXPECT_EQ(condition_error(text, values), "no error") << text;
    }
}

TEST(ConditionParser, RejectsEmptyExpression) {
    EXPECT_EQ(condition_error(""), "Invalid ConditionExpression: The expression can not be empty;");
    EXPECT_EQ(condition_error("  \t\n"),
              "Invalid ConditionExpression: The expression can not be empty;");
}

TEST(ConditionParser, ReportsSyntaxErrorsWithTokenAndContext) {
    EXPECT_EQ(condition_error("foo"),
              "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"foo\"");
    EXPECT_EQ(condition_error("a = :v b", one_value),
              "Invalid ConditionExpression: Syntax error; token: \"b\", near: \":v b\"");
    EXPECT_EQ(condition_error("a == :v", one_value),
              "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"== :v\"");
    EXPECT_EQ(condition_error("a = !", one_value),
              "Invalid ConditionExpression: Syntax error; token: \"!\", near: \"= !\"");
    EXPECT_EQ(condition_error("a AND b = :v", one_value),
              "Invalid ConditionExpression: Syntax error; token: \"AND\", near: \"a AND b\"");
    EXPECT_EQ(condition_error("a = :v AND", one_value),
              "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    EXPECT_EQ(condition_error("(a = :v", one_value),
              "Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \":v\"");
    EXPECT_EQ(condition_error("a[x] = :v", one_value),
              "Invalid ConditionExpression: Syntax error; token: \"x\", near: \"[x]\"");
    EXPECT_EQ(condition_error("a BETWEEN :v OR :v", one_value),
              "Invalid ConditionExpression: Syntax error; token: \"OR\", near: \":v OR :v\"");
}

TEST(ConditionParser, QuotesWholeUtf8CharacterInSyntaxError) {
    EXPECT_EQ(
        condition_error("a = \xC3\xA9", one_value),
        "Invalid ConditionExpression: Syntax error; token: \"\xC3\xA9\", near: \"= \xC3\xA9\"");
}

TEST(ConditionParser, RejectsReservedWordsCaseInsensitively) {
    EXPECT_EQ(condition_error("name = :v", one_value),
              "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved "
              "keyword: name");
    EXPECT_EQ(condition_error("a.Status = :v", one_value),
              "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved "
              "keyword: Status");
    EXPECT_EQ(condition_error("#n = :v", one_value, {{"#n", "name"}}), "no error");
}

TEST(ConditionParser, RejectsUndefinedPlaceholders) {
    EXPECT_EQ(condition_error("a = :x", one_value),
              "Invalid ConditionExpression: An expression attribute value used in expression is "
              "not defined; attribute value: :x");
    EXPECT_EQ(condition_error("#x = :v", one_value),
              "Invalid ConditionExpression: An expression attribute name used in the document "
              "path is not defined; attribute name: #x");
}

TEST(ConditionParser, RejectsUnknownAndMisusedFunctions) {
    EXPECT_EQ(condition_error("foo(a)"),
              "Invalid ConditionExpression: Invalid function name; function: foo");
    EXPECT_EQ(condition_error("attribute_exists(a) = :v", one_value),
              "Invalid ConditionExpression: The function is not allowed to be used this way in "
              "an expression; function: attribute_exists");
    EXPECT_EQ(condition_error("size(a)"),
              "Invalid ConditionExpression: The function is not allowed to be used this way in "
              "an expression; function: size");
    EXPECT_EQ(condition_error("if_not_exists(a, :v) = :v", one_value),
              "Invalid ConditionExpression: The function is not allowed in a condition "
              "expression; function: if_not_exists");
}

TEST(ConditionParser, ChecksFunctionOperands) {
    EXPECT_EQ(condition_error("attribute_exists(a, b)"),
              "Invalid ConditionExpression: Incorrect number of operands for operator or "
              "function; operator or function: attribute_exists, number of operands: 2");
    EXPECT_EQ(condition_error("attribute_exists(:v)", one_value),
              "Invalid ConditionExpression: Operator or function requires a document path; "
              "operator or function: attribute_exists");
    EXPECT_EQ(condition_error("begins_with(a, :v)", one_value),
              "Invalid ConditionExpression: Incorrect operand type for operator or function; "
              "operator or function: begins_with, operand type: N");
    EXPECT_EQ(condition_error("size(:v) > :v", one_value),
              "Invalid ConditionExpression: Incorrect operand type for operator or function; "
              "operator or function: size, operand type: N");
    EXPECT_EQ(condition_error("attribute_type(a, :v)", one_value),
              "Invalid ConditionExpression: Incorrect operand type for operator or function; "
              "operator or function: attribute_type, operand type: N");
    EXPECT_EQ(condition_error("attribute_type(a, :t)", {{":t", S("STRING")}}),
              "Invalid ConditionExpression: Invalid attribute type name found; type: STRING, "
              "valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
    EXPECT_EQ(condition_error("contains(a, a)"),
              "Invalid ConditionExpression: The first operand must be distinct from the "
              "remaining operands for this operator or function; operator: contains, first "
              "operand: [a]");
}

TEST(ConditionParser, RequiresDistinctComparisonOperands) {
    EXPECT_EQ(condition_error("a.b = a.b"),
              "Invalid ConditionExpression: The first operand must be distinct from the "
              "remaining operands for this operator or function; operator: =, first operand: "
              "[a, b]");
}

TEST(ConditionParser, ChecksBetweenBounds) {
    EXPECT_EQ(condition_error("a BETWEEN :hi AND :lo", {{":lo", N("1")}, {":hi", N("5")}}),
              "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be "
              "greater than or equal to lower bound; lower bound operand: AttributeValue: "
              "{N:5}, upper bound operand: AttributeValue: {N:1}");
    EXPECT_EQ(condition_error("a BETWEEN :n AND :s", {{":n", N("1")}, {":s", S("x")}}),
              "Invalid ConditionExpression: The BETWEEN operator requires same data type for "
              "lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound "
              "operand: AttributeValue: {S:x}");
}

TEST(ConditionParser, RejectsRedundantParentheses) {
    EXPECT_EQ(condition_error("((a = :v))", one_value),
              "Invalid ConditionExpression: The expression has redundant parentheses;");
    EXPECT_EQ(condition_error("((a)) = :v", one_value),
              "Invalid ConditionExpression: The expression has redundant parentheses;");
}

TEST(ConditionParser, ReportsErrorsInDynamoDbOrder) {
    // A reserved word outranks an undefined value, and redundant parentheses outrank both.
    EXPECT_EQ(condition_error("name = :x", one_value),
              "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved "
              "keyword: name");
    EXPECT_EQ(condition_error("((name = :x))", one_value),
              "Invalid ConditionExpression: The expression has redundant parentheses;");
}

TEST(ConditionParser, EnforcesExpressionSizeLimit) {
    std::string text = "a = :v";
    text.append(4096 - text.size(), ' ');
    EXPECT_EQ(condition_error(text, one_value), "no error");
    text.push_back(' ');
    EXPECT_EQ(condition_error(text, one_value),
              "Invalid ConditionExpression: Expression size has exceeded the maximum allowed "
              "size; expression size: 4097");
}

TEST(ConditionParser, EnforcesOperatorLimit) {
    std::string text = "a = :v";
    for (int i = 1; i < 150; ++i) {
        text += " AND a = :v";  // two operators each: AND and =
    }
    EXPECT_EQ(condition_error(text, one_value), "no error");  // 299 operators
    text += " OR a = :v";
    EXPECT_EQ(condition_error(text, one_value),
              "Invalid ConditionExpression: The expression contains too many operators; "
              "operator count: 301");
}

TEST(ConditionParser, EnforcesInOperandLimit) {
    std::string list = ":v";
    for (int i = 1; i < 100; ++i) {
        list += ",:v";
    }
    EXPECT_EQ(condition_error("a IN (" + list + ")", one_value), "no error");
    EXPECT_EQ(condition_error("a IN (" + list + ",:v)", one_value),
              "Invalid ConditionExpression: The IN operator is provided with too many operands; "
              "number of operands: 101");
}

TEST(ConditionParser, DeeplyNestedParenthesesFailWithoutRecursion) {
    const std::string deep(100'000, '(');
    EXPECT_EQ(condition_error(deep + "a = :v" + std::string(100'000, ')'), one_value),
              "Invalid ConditionExpression: Expression size has exceeded the maximum allowed "
              "size; expression size: 200006");
    // Within the size limit, the nesting limit stops the descent.
    const std::string nested(2000, '(');
    EXPECT_EQ(condition_error(nested + "a = :v" + std::string(2000, ')'), one_value),
              "Invalid ConditionExpression: The expression has redundant parentheses;");
    EXPECT_EQ(condition_error(nested, one_value),
              "Invalid ConditionExpression: The expression has redundant parentheses;");
}

TEST(ConditionParser, DeeplyNestedNotAndFunctionsFailCleanly) {
    std::string nots;
    for (int i = 0; i < 1000; ++i) {
        nots += "NOT ";
    }
    EXPECT_EQ(condition_error(nots + "a = :v", one_value),
              "Invalid ConditionExpression: The expression contains too many operators; "
              "operator count: 302");
    std::string sizes;
    for (int i = 0; i < 600; ++i) {
        sizes += "size(";
    }
    EXPECT_NE(condition_error(sizes + "a" + std::string(600, ')') + " > :v", one_value),
              "no error");
}

TEST(ConditionParser, DeepDocumentPathsComplete) {
    // 1,500 path steps fit in 4 KB; parsing, evaluation, projection and update handle them.
    std::string path = "a";
    for (int i = 1; i < 1500; ++i) {
        path += i % 2 == 0 ? ".a" : "[0]";
    }
    const item subject = {{"a", L({N("1")})}};
    EXPECT_FALSE(parse_with_values(path + " = :v", one_value).matches(subject));
    attribute_context projection_context;
    EXPECT_TRUE(parse_projection(path, projection_context).apply(subject).empty());
    EXPECT_EQ(error_of([&] {
                  attribute_context context(std::nullopt, one_value);
                  parse_update("SET " + path + " = :v", context).apply(subject);
              }),
              "The document path provided in the update expression is invalid for update");
}

TEST(ConditionParser, LongFlatChainsParse) {
    // 4 KB of OR-joined comparisons: flat nodes, no deep recursion.
    std::string text = "attribute_exists(a)";
    while (text.size() < 4000) {
        text += " OR b<>c";
    }
    EXPECT_NE(condition_error(text), "no error");  // more than 300 operators
}

TEST(AttributeContext, ValidatesPlaceholderKeys) {
    EXPECT_EQ(error_of([] { attribute_context({attribute_context::name_map{}}, std::nullopt); }),
              "ExpressionAttributeNames must not be empty");
    EXPECT_EQ(error_of([] { attribute_context(std::nullopt, item{}); }),
              "ExpressionAttributeValues must not be empty");
    EXPECT_EQ(error_of([] {
                  attribute_context({{{"n", "a"}}}, std::nullopt);
              }),
              "ExpressionAttributeNames contains invalid key: Syntax error; key: \"n\"");
    EXPECT_EQ(error_of([] {
                  attribute_context({{{"#a-b", "a"}}}, std::nullopt);
              }),
              "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"");
    EXPECT_EQ(error_of([] {
                  attribute_context(std::nullopt, item{{"v", N("1")}});
              }),
              "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
}

TEST(AttributeContext, ReportsUnusedEntriesAcrossExpressions) {
    attribute_context context({{{"#a", "a"}, {"#b", "b"}}}, item{{":v", N("1")}, {":w", N("2")}});
    parse_condition("#a = :v", expression_kind::condition, context);
    EXPECT_EQ(error_of([&] { context.check_all_used(); }),
              "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
    parse_projection("#b", context);
    EXPECT_EQ(error_of([&] { context.check_all_used(); }),
              "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}");
    parse_condition("a = :w", expression_kind::filter, context);
    EXPECT_EQ(error_of([&] { context.check_all_used(); }), "no error");
}

TEST(ConditionParser, NamesFilterExpressionInMessages) {
    EXPECT_EQ(error_of([] {
                  attribute_context context;
                  parse_condition("", expression_kind::filter, context);
              }),
              "Invalid FilterExpression: The expression can not be empty;");
}

TEST(ConditionParser, ListsAttributeNamesRead) {
    const condition parsed =
        parse_with_values("a.b = :v AND (c > :v OR size(d[1]) < :v)", one_value);
    EXPECT_EQ(parsed.attribute_names(), (std::vector<std::string>{"a", "c", "d"}));
}

}  // namespace
}  // namespace lambdad::dynamodb::expr
