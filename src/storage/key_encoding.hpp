#pragma once

#include "lambdad/attribute_value.hpp"

#include <string>
#include <string_view>

namespace lambdad::storage {

/// Encodes a key attribute value (S, N or B) as bytes whose memcmp order, shorter prefix first,
/// equals DynamoDB's key order: numbers by value, strings by UTF-8 bytes, binary by unsigned
/// bytes. A key column contains one type, so the encoding carries no type tag.
///
/// Numbers: a sign byte (1 negative, 2 zero, 3 positive), then for non-zero values the power of
/// ten of the leading digit biased by 130 (one byte), one byte per significant digit (digit + 1)
/// and a 0 terminator, all complemented for negative values so larger magnitudes sort first.
/// Throws std::logic_error for other types.
std::string encode_key(const attribute_value& value);

/// Decodes bytes from encode_key back into a value of type `type` (S, N or B).
/// Throws std::invalid_argument when the bytes are not a valid encoding.
attribute_value decode_key(std::string_view bytes, attribute_value::kind type);

}  // namespace lambdad::storage
