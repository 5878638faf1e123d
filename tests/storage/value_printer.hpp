#pragma once

#include "lambdad/attribute_value.hpp"
#include "storage/item_json.hpp"

#include <ostream>

namespace lambdad {

/// Prints values as DynamoDB JSON in GoogleTest failure messages.
inline void PrintTo(const attribute_value& value, std::ostream* out) {
    *out << storage::to_dynamodb_json(value);
}

}  // namespace lambdad
