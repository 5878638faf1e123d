#pragma once

#include "lambdad/attribute_value.hpp"

#include <optional>

namespace lambdad::dynamodb::expr {

/// Orders two values of the same scalar type as DynamoDB does: numbers by value, strings by
/// their UTF-8 bytes, binaries by unsigned bytes. nullopt when the types differ or are not
/// S, N or B, which makes every ordering comparison false.
std::optional<int> compare_ordered(const attribute_value& a, const attribute_value& b);

}  // namespace lambdad::dynamodb::expr
