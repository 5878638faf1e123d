#pragma once

#include "lambdad/attribute_value.hpp"

#include <boost/json/fwd.hpp>

#include <string>
#include <string_view>

namespace simdjson::dom {
class element;
}

namespace lambdad::storage {

/// Serialises an item as DynamoDB JSON, for example `{"age":{"N":"42"},"id":{"S":"x"}}`.
/// Attributes appear in name order; B and BS values are base64 with padding.
std::string to_dynamodb_json(const item& value);
/// Serialises one value as DynamoDB JSON, for example `{"N":"42"}`.
std::string to_dynamodb_json(const attribute_value& value);

/// Builds the DynamoDB JSON object of an item, for embedding in a larger document.
boost::json::object to_json_object(const item& value);
/// Builds the DynamoDB JSON object of one value, for example `{"S":"x"}`.
boost::json::object to_json_object(const attribute_value& value);

/// Parses an item from DynamoDB JSON text.
///
/// Throws table_error (SerializationException) when the text is not JSON, a field has the wrong
/// JSON type or a binary value is not base64. Throws table_error (ValidationException) with
/// DynamoDB's message when a value is invalid: no or several type descriptors, a bad number, an
/// empty set, duplicates in a set, NULL not true, or nesting deeper than 32 levels.
item item_from_dynamodb_json(std::string_view text);
/// Parses one value, such as `{"N":"42"}`, from DynamoDB JSON text. Throws as
/// item_from_dynamodb_json does.
attribute_value value_from_dynamodb_json(std::string_view text);

/// Parses an item from an already parsed JSON object. Throws as item_from_dynamodb_json does.
item item_from_json(const simdjson::dom::element& object);
/// Parses one value from an already parsed JSON element. Throws as item_from_dynamodb_json does.
attribute_value value_from_json(const simdjson::dom::element& element);

/// Encodes bytes as base64 with the standard alphabet and padding.
std::string encode_base64(std::string_view bytes);
/// Decodes padded standard base64. Throws table_error (SerializationException) when `text` is
/// not valid base64.
std::string decode_base64(std::string_view text);

}  // namespace lambdad::storage
