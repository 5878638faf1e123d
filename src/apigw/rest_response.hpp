#pragma once

#include "http/message.hpp"

#include <string>
#include <string_view>

namespace lambdad::apigw {

/// A function's result mapped to an HTTP response, or the reason it is malformed.
struct mapped_response {
    http::response response;
    /// The reason API Gateway would reject the result as a malformed Lambda proxy response, or
    /// empty when the result is valid.
    std::string error;

    bool valid() const { return error.empty(); }
};

/// Maps a function's result in REST API proxy format (payload format 1.0) to HTTP.
///
/// The result must be a JSON object with only these keys: `statusCode` (an integer or a string
/// of digits, 100 to 599; 200 when absent), `headers` (an object of scalar values),
/// `multiValueHeaders` (an object of arrays of scalar values), `body` (a string or null) and
/// `isBase64Encoded` (a boolean; when true and `decode_base64_body` is set the body is
/// base64-decoded, else sent as the text it is). A null value counts as
/// absent, except for `statusCode`. Values of one header name, in any case, are joined with
/// ", " into one header line, `multiValueHeaders` first, except Set-Cookie, which keeps one line
/// per value. Content-Type is application/json unless the result sets it.
mapped_response map_rest_response(std::string_view result, bool decode_base64_body = true);

}  // namespace lambdad::apigw
