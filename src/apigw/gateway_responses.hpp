#pragma once

#include "http/message.hpp"

#include <string>

// Responses that API Gateway itself generates, with its default bodies. REST API status codes
// are those of "Gateway response types for API Gateway" in the API Gateway developer guide;
// each response carries its type in `x-amzn-ErrorType`.

namespace lambdad::apigw {

/// 403 MISSING_AUTHENTICATION_TOKEN, which a REST API returns when no resource or method
/// matches the request.
http::response missing_authentication_token();

/// 413 REQUEST_TOO_LARGE, for a request body over the 10 MB payload limit. `http_api` selects
/// the HTTP API body.
http::response request_too_large(bool http_api);

/// A REST API's `{"message": "Internal server error"}` with `status`: 502 when the function
/// failed or returned a malformed proxy response, 500 when the invocation was throttled.
http::response internal_server_error(unsigned status);

/// 504 INTEGRATION_TIMEOUT of a REST API: the function did not answer within the integration
/// timeout.
http::response integration_timeout();

/// An HTTP API's 404 `{"message":"Not Found"}`, for a request that no route matches.
http::response http_not_found();

/// An HTTP API's 500 `{"message":"Internal Server Error"}`, for a failed function or a
/// malformed response.
http::response http_internal_server_error();

/// An HTTP API's 503 `{"message":"Service Unavailable"}`, for an integration timeout.
http::response http_service_unavailable();

/// A random id in the form of API Gateway's extendedRequestId: 16 base64 characters.
std::string make_extended_request_id();

}  // namespace lambdad::apigw
