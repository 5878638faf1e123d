#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lambdad::modules {

/// One response header, name and value.
using header = std::pair<std::string_view, std::string_view>;

/// Builds an API Gateway proxy integration response,
/// `{"statusCode": <status>, "headers": {...}, "body": "<body>"}`.
std::string proxy_response(int status_code, const std::vector<header>& headers,
                           std::string_view body);

}  // namespace lambdad::modules
