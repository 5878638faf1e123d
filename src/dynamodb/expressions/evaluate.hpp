#pragma once

#include "dynamodb/expressions/syntax.hpp"

#include <optional>

namespace lambdad::dynamodb::expr {

/// Finds the value at `path` in `subject`; nullptr when any step is missing or of the wrong
/// type (a name step needs a map, an index step a list).
const attribute_value* find_path(const item& subject, const document_path& path);

/// The value of an operand: a pointer into the item or the expression, or a computed value.
class operand_value {
public:
    operand_value() = default;
    explicit operand_value(const attribute_value* pointer) : pointer_(pointer) {}
    explicit operand_value(attribute_value computed) : computed_(std::move(computed)) {}

    /// The value, or nullptr when the operand refers to a missing attribute.
    const attribute_value* get() const { return computed_ ? &*computed_ : pointer_; }

private:
    const attribute_value* pointer_ = nullptr;
    std::optional<attribute_value> computed_;
};

/// Evaluates an operand of a condition against an item. A missing path, or size() of a missing
/// attribute or of a type without a size, gives a missing value.
operand_value evaluate_condition_operand(const operand& value, const item& subject);

/// Evaluates a condition tree against an item. Never throws except std::bad_alloc.
bool evaluate_condition(const detail::condition_node& node, const item& subject);

}  // namespace lambdad::dynamodb::expr
