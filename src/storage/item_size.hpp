#pragma once

#include "lambdad/attribute_value.hpp"

#include <cstddef>

namespace lambdad::storage {

/// DynamoDB's maximum item size, 400 KB.
inline constexpr std::size_t max_item_size_bytes = 400 * 1024;

/// DynamoDB Developer Guide ("Service, account, and table quotas"): nested attributes go up to
/// 32 levels deep. A top-level attribute's value is at depth 0.
inline constexpr int max_nesting_depth = 32;

/// Computes an item's size as DynamoDB counts it: the UTF-8 length of each attribute name plus
/// the size of its value.
std::size_t item_size(const item& value);

/// Computes the size of one value as DynamoDB counts it.
std::size_t value_size(const attribute_value& value);

}  // namespace lambdad::storage
