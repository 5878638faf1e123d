#pragma once

#include "apigw/rest_response.hpp"

#include <string_view>

namespace lambdad::apigw {

/// Maps a function's result in payload format 2.0 to HTTP, as "Create AWS Lambda proxy
/// integrations for HTTP APIs in API Gateway" describes.
///
/// A JSON object with `statusCode` is a response: `statusCode` (an integer or a string of
/// digits, 100 to 599), `headers` (an object of scalar values, sent one line each), `cookies`
/// (an array of strings, one Set-Cookie line each), `body` (a string or null) and
/// `isBase64Encoded` (a boolean; when true the body is base64-decoded). Any other valid JSON
/// is the body of a 200 with Content-Type application/json. Text that is not JSON, and a
/// response whose members have the wrong types, are malformed.
mapped_response map_http_response(std::string_view result);

}  // namespace lambdad::apigw
