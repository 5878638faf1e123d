#pragma once

// The parser machinery shared by the condition, update, projection and key condition parsers.

#include "dynamodb/expressions/expressions.hpp"
#include "dynamodb/expressions/lexer.hpp"
#include "dynamodb/expressions/syntax.hpp"

#include <array>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lambdad::dynamodb::expr {

// Limits from the Developer Guide page "Service, account, and table quotas in Amazon DynamoDB",
// section "Expression parameters".
/// The maximum length of any expression string, in bytes (4 KB).
inline constexpr std::size_t max_expression_bytes = 4096;
/// The maximum number of operators or functions in an expression.
inline constexpr std::size_t max_operators = 300;
/// The maximum number of operands of the IN comparator.
inline constexpr std::size_t max_in_operands = 100;

/// Nesting (parentheses, NOT and function calls) deeper than this is rejected before it can
/// exhaust the stack. Every level of a valid expression needs an operator or function, so no
/// expression within max_operators reaches it.
inline constexpr std::size_t max_nesting_depth = max_operators + 1;

/// The kinds of semantic errors a parser records while it reads. DynamoDB reports syntax errors
/// at once but the other errors only after a complete parse, in a fixed order per expression
/// type, so the parsers keep the first message of each kind and raise them in that order.
enum class error_kind {
    redundant_parentheses,
    unknown_function,
    misused_function,
    reserved_word,
    undefined_name,
    undefined_value,
    section_repeated,
    path_overlap,
    path_conflict,
    operand_count,
    distinct_operands,
    update_operand_type,
    function_operand,
    count_,
};

/// A recursive-descent parser over a token vector. Recursion is bounded by max_nesting_depth and
/// every token is consumed once, so parsing is linear in the text.
class parser {
public:
    /// Checks the size limit and emptiness of `text` and tokenizes it. Throws validation_error.
    parser(std::string_view text, expression_kind kind, attribute_context& context);

    /// The current token, or the one `ahead` positions later (clamped to the end token).
    const token& peek(std::size_t ahead = 0) const;
    /// Consumes and returns the current token.
    const token& next();
    /// The text of a token.
    std::string_view text_of(const token& t) const;
    bool at(token_kind kind) const { return peek().kind == kind; }
    /// Whether the current token is the identifier `keyword`, compared case-insensitively.
    bool at_keyword(std::string_view keyword) const;
    /// Consumes a token of `kind` or throws a syntax error at the current token.
    const token& expect(token_kind kind);
    /// Throws the syntax error DynamoDB reports for an unexpected token.
    [[noreturn]] void syntax_error(const token& unexpected) const;
    /// Throws validation_error with `message` after this expression's "Invalid ...: " prefix.
    [[noreturn]] void fail(std::string_view message) const;

    /// Parses a document path, resolving `#name` placeholders.
    document_path parse_path();
    /// Parses an operand: a path, a `:value`, a function call or a parenthesised operand.
    operand parse_operand();
    /// Parses a function call whose name is the current identifier.
    operand parse_function_call();

    /// Enters one nesting level; throws before the stack could grow without bound.
    void enter_nesting();
    void leave_nesting() { --depth_; }
    /// Counts one operator or function.
    void count_operator() { ++operators_; }

    /// Records the first error of each kind; see error_kind.
    void record(error_kind kind, std::string message);
    /// Throws the first recorded error in `order`, if any; first checks the operator limit.
    void raise_recorded(std::initializer_list<error_kind> order) const;

    /// Records errors for a function's operand count and types (see the DynamoDB messages).
    void check_function(const operand& call);
    /// Records a misuse error when `value` is a condition function used as an operand.
    void check_not_condition_function(const operand& value);
    /// Records an error when the first two operands are the same path.
    void check_distinct(std::string_view op, const operand& first, const operand& second);

    expression_kind kind() const { return kind_; }
    attribute_context& context() { return context_; }

private:
    std::string_view text_;
    expression_kind kind_;
    attribute_context& context_;
    std::vector<token> tokens_;
    std::size_t position_ = 0;
    std::size_t depth_ = 0;
    std::size_t operators_ = 0;
    std::array<std::optional<std::string>, static_cast<std::size_t>(error_kind::count_)> errors_;
};

/// The type descriptor of an operand when it is known before evaluation: the type of a
/// `:value` or the result type of a function; nullopt for paths.
std::optional<attribute_value::kind> static_type(const operand& value);

/// Whether a function is one of the condition functions that yield true or false.
bool is_condition_function(function_id function);

/// Formats a value as DynamoDB does in BETWEEN messages, for example `{N:5}`.
std::string describe_value(const attribute_value& value);

/// Tracks the paths of one update or projection expression in a trie, so that overlap and
/// conflict checks take time linear in the total path length.
class path_registry {
public:
    path_registry();

    /// Adds a path, recording an error on `owner` when it overlaps or conflicts with an earlier
    /// one.
    void add(const document_path& path, parser& owner);

private:
    struct node {
        std::map<path_element, std::size_t> children;
        /// The path that ends at this node.
        std::optional<std::size_t> terminal;
        /// The first path that passes through this node.
        std::size_t first_path = 0;
    };

    void record_clash(parser& owner, bool conflict, std::size_t earlier,
                      const document_path& path) const;

    std::vector<node> nodes_;
    std::vector<document_path> paths_;
};

/// Parses the condition grammar shared by ConditionExpression, FilterExpression and
/// KeyConditionExpression, with DynamoDB's precedence: comparisons, BETWEEN and IN bind
/// tightest, then NOT, then AND, then OR. Throws validation_error.
detail::condition_node parse_condition_tree(parser& reader);

/// Parses the SET, REMOVE, ADD and DELETE clauses of an UpdateExpression. Throws
/// validation_error.
detail::update_plan parse_update_plan(parser& reader);

}  // namespace lambdad::dynamodb::expr
