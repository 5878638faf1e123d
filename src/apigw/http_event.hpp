#pragma once

#include "apigw/rest_event.hpp"

#include <string>

namespace lambdad::apigw {

/// Builds the JSON text of an HTTP API event in payload format 2.0, with the fields of
/// "Create AWS Lambda proxy integrations for HTTP APIs in API Gateway" in the API Gateway
/// developer guide. `source.path` is the request path without the stage.
std::string build_http_event(const event_source& source);

}  // namespace lambdad::apigw
