#pragma once

#include "config/config.hpp"
#include "http/message.hpp"

// CORS as API Gateway applies it: an HTTP API's CorsConfiguration ("Configure CORS for HTTP
// APIs in API Gateway"), and for REST APIs the mock OPTIONS method that SAM's `Cors` property
// generates.

namespace lambdad::apigw {

/// Whether an HTTP API request is a CORS preflight: OPTIONS with both Origin and
/// Access-Control-Request-Method headers, as the developer guide requires.
bool is_preflight(const http::request& request);

/// The gateway's own response to a preflight: 204 on an HTTP API, 200 (the SAM mock method) on
/// a REST API, with the configured Access-Control-* headers.
http::response preflight_response(const config::cors_config& cors, const http::request& request,
                                  bool http_api);

/// On an HTTP API, replaces the Access-Control-* headers of `response` with the configured
/// ones when the request has an Origin header. REST APIs leave responses to the function.
void add_cors_headers(const config::cors_config& cors, const http::request& request, bool http_api,
                      http::response& response);

}  // namespace lambdad::apigw
