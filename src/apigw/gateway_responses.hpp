#pragma once

#include "http/message.hpp"

#include <string>

// Responses that API Gateway itself generates, with its default bodies. Status codes are those
// of "Gateway response types for API Gateway" in the API Gateway developer guide.

namespace lambdad::apigw {

/// 403 MISSING_AUTHENTICATION_TOKEN, which a REST API returns when no resource or method
/// matches the request.
http::response missing_authentication_token();

/// 413 REQUEST_TOO_LARGE, for a request body over the 10 MB payload limit.
http::response request_too_large();

/// `{"message": "Internal server error"}` with `status`: 502 when the function failed or
/// returned a malformed proxy response, 500 when the invocation was throttled.
http::response internal_server_error(unsigned status);

/// A random id in the form of API Gateway's extendedRequestId: 16 base64 characters.
std::string make_extended_request_id();

}  // namespace lambdad::apigw
