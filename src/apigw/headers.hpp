#pragma once

#include "http/message.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace lambdad::apigw {

/// Compares two header names without regard to ASCII case.
bool header_name_equals(std::string_view a, std::string_view b);

/// The value of the last header field named `name` (any case), or nullopt when there is none.
std::optional<std::string_view> find_header(const std::vector<http::header>& headers,
                                            std::string_view name);

}  // namespace lambdad::apigw
