#pragma once

#include "lambdad/attribute_value.hpp"

#include <string>
#include <string_view>

namespace lambdad::modules {

/// Converts a JSON object to an item: strings become S, numbers N (from their exact text, so
/// up to 38 significant digits survive), booleans BOOL, null NULL, objects M and arrays L.
/// A key that appears twice keeps its last value.
/// Throws std::invalid_argument when `json` is not valid JSON, is not an object, or contains a
/// number that DynamoDB rejects (more than 38 significant digits or out of range).
item parse_plain_object(std::string_view json);

/// Appends `text` as a JSON string, quoted and escaped by Boost.JSON's serializer.
void append_json_string(std::string_view text, std::string& out);

/// Appends `value` as plain JSON: S as a string, N as a number written from its canonical
/// text, BOOL, NULL, M as an object, L as an array, SS, NS and BS as arrays, and B values as
/// base64 strings.
void append_plain_json(const attribute_value& value, std::string& out);

/// Appends `members` as a plain JSON object.
void append_plain_json(const item& members, std::string& out);

/// Returns `members` as a plain JSON object.
std::string to_plain_json(const item& members);

}  // namespace lambdad::modules
