#pragma once

// The parsed forms of expressions, shared by the parsers, the evaluator and the update engine.

#include "dynamodb/expressions/expressions.hpp"

#include <optional>
#include <vector>

namespace lambdad::dynamodb::expr {

/// The functions and arithmetic operators of condition and update expressions.
enum class function_id {
    attribute_exists,
    attribute_not_exists,
    attribute_type,
    begins_with,
    contains,
    size,
    if_not_exists,
    list_append,
    plus,
    minus,
};

/// A value in an expression: a document path, a resolved `:value`, or a function of operands.
struct operand {
    enum class kind { path, value, function };

    kind type = kind::value;
    document_path path;
    attribute_value value;
    function_id function = function_id::size;
    std::vector<operand> arguments;
};

/// The comparators of condition expressions.
enum class comparator { equal, not_equal, less, less_or_equal, greater, greater_or_equal };

namespace detail {

/// One node of a condition tree. AND and OR nodes hold all their operands in `children`, so
/// the tree's depth is the nesting depth of the text, which the parser bounds.
struct condition_node {
    enum class kind { compare, between, in, function, and_, or_, not_ };

    kind type = kind::compare;
    comparator op = comparator::equal;
    /// The condition function of kind function (attribute_exists ... contains).
    function_id function = function_id::attribute_exists;
    std::vector<operand> operands;
    std::vector<condition_node> children;
};

/// One action of an update expression.
struct update_action {
    enum class kind { set, remove, add, delete_ };

    kind type = kind::set;
    document_path path;
    /// The new value of SET, or the value to add or delete; unused by REMOVE.
    operand value;
};

/// A parsed update: its actions in expression order and the paths they touch.
struct update_plan {
    std::vector<update_action> actions;
    std::vector<document_path> paths;
};

}  // namespace detail

/// The name of a function as written in expressions, for example `begins_with` or `+`.
std::string_view function_name(function_id function);

/// The text of a comparator, for example `<=`.
std::string_view comparator_text(comparator op);

/// Whether `word` is one of DynamoDB's reserved words, compared case-insensitively.
bool is_reserved_word(std::string_view word);

}  // namespace lambdad::dynamodb::expr
