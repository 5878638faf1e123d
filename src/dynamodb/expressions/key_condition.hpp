#pragma once

#include "dynamodb/expressions/syntax.hpp"

namespace lambdad::dynamodb::expr {

/// Turns a parsed condition into a key condition: one equality on the hash key, optionally AND
/// one supported comparison on the range key. Throws validation_error with DynamoDB's messages.
key_condition key_condition_from_tree(const detail::condition_node& root, const key_schema& schema);

}  // namespace lambdad::dynamodb::expr
