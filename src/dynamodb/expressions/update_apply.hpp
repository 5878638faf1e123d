#pragma once

#include "dynamodb/expressions/syntax.hpp"

namespace lambdad::dynamodb::expr {

/// Applies an update plan to an item and returns the new item. Every SET value is computed from
/// the original item, as DynamoDB does, and REMOVE of list elements uses the original indexes.
/// Throws validation_error with DynamoDB's messages.
item apply_update_plan(const detail::update_plan& plan, const item& original);

}  // namespace lambdad::dynamodb::expr
