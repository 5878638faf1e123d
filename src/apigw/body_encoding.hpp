#pragma once

#include "config/config.hpp"
#include "http/message.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// How API Gateway passes bodies between HTTP, where they are bytes, and Lambda events, where
// they are JSON strings: as text or as base64 with `isBase64Encoded`.

namespace lambdad::apigw {

/// Encodes `bytes` as base64 with padding (RFC 4648 section 4).
std::string encode_base64(std::string_view bytes);

/// Decodes padded base64, or returns nullopt when `text` is not valid base64.
std::optional<std::string> decode_base64(std::string_view text);

/// Whether `media_type` (a Content-Type or Accept value, parameters allowed) matches one of
/// `patterns`, which are `type/subtype` with `*` standing for a whole type or subtype.
bool matches_media_type(std::string_view media_type, const std::vector<std::string>& patterns);

/// Whether the request body reaches the function base64-encoded: on a REST API when its
/// Content-Type matches the API's binary media types, on an HTTP API unless its Content-Type
/// is a text type.
bool is_binary_request(const http::request& request, const config::api_config& api);

/// Whether a REST API sends a function's base64 body to the client decoded: only when the
/// first media type of the request's Accept header matches the API's binary media types.
bool accepts_binary_response(const http::request& request, const config::api_config& api);

}  // namespace lambdad::apigw
