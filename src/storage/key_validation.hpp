#pragma once

#include "lambdad/table.hpp"

#include <string>
#include <string_view>

namespace lambdad::storage {

/// A primary key as stored: the encoded hash key and the encoded range key, which is empty
/// for a table without a range key.
struct encoded_key {
    std::string hash;
    std::string range;
};

/// Checks the key attributes of an item to be put and encodes them. Throws table_error
/// (ValidationException) with DynamoDB's PutItem message when a key attribute is missing, has
/// the wrong type, is empty or is too long.
encoded_key encode_item_key(const key_schema& schema, const item& value);

/// Checks a key given to a lookup (GetItem, DeleteItem) and encodes it. The key must hold
/// exactly the key attributes with their types; otherwise throws table_error
/// (ValidationException) with `mismatch_message`, DynamoDB's message for the calling operation.
encoded_key encode_lookup_key(const key_schema& schema, const item& key,
                              std::string_view mismatch_message);

/// Copies the key attributes of a stored item.
item extract_key(const key_schema& schema, const item& value);

}  // namespace lambdad::storage
