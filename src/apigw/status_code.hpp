#pragma once

#include <simdjson.h>

#include <optional>

namespace lambdad::apigw {

/// Reads a proxy result's `statusCode`: an integer, or a string of digits, from 100 to 599.
/// Returns nothing for any other value, which API Gateway treats as a malformed result.
std::optional<unsigned> parse_status_code(const simdjson::dom::element& value);

}  // namespace lambdad::apigw
