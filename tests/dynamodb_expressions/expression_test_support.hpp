#pragma once

// Shorthands for building values and parsing expressions in the expression engine's tests.

#include "dynamodb/expressions/expressions.hpp"

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace lambdad::dynamodb::expr::testing {

inline attribute_value S(std::string text) {
    return attribute_value::string(std::move(text));
}

inline attribute_value N(std::string_view text) {
    return attribute_value::number(text);
}

inline attribute_value B(std::string bytes) {
    return attribute_value::binary(std::move(bytes));
}

inline attribute_value L(std::vector<attribute_value> elements) {
    return attribute_value::list(std::move(elements));
}

inline attribute_value M(item members) {
    return attribute_value::map(std::move(members));
}

/// Returns the ValidationException message `action` throws, or "no error".
inline std::string error_of(const std::function<void()>& action) {
    try {
        action();
    } catch (const validation_error& error) {
        return error.what();
    }
    return "no error";
}

/// Parses a condition with the given ExpressionAttributeValues and no names.
inline condition parse_with_values(std::string_view text, item values,
                                   expression_kind kind = expression_kind::condition) {
    attribute_context context(std::nullopt, std::move(values));
    return parse_condition(text, kind, context);
}

/// Parses a condition without placeholders.
inline condition parse_plain(std::string_view text) {
    attribute_context context;
    return parse_condition(text, expression_kind::condition, context);
}

/// The message of parsing a condition with the given values, or "no error".
inline std::string condition_error(std::string_view text, item values = {},
                                   attribute_context::name_map names = {}) {
    return error_of([&] {
        attribute_context context(names.empty() ? std::nullopt : std::optional(names),
                                  values.empty() ? std::nullopt : std::optional(values));
        parse_condition(text, expression_kind::condition, context);
    });
}

}  // namespace lambdad::dynamodb::expr::testing
