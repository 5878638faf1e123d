#pragma once

#include "config/config.hpp"
#include "config/yaml_reader.hpp"

#include <vector>

// Readers of the sections of a configuration file, shared by loader.cpp and api_loader.cpp.

namespace lambdad::config {

/// Reads `apis:`; every route must name one of `functions`.
std::vector<api_config> load_apis(const yaml_reader& reader, const yaml_entry& apis,
                                  const std::vector<function_config>& functions);

/// Reads `http:`, the limits of the API ports.
http_limits load_http_limits(const yaml_reader& reader, const yaml_entry& http);

/// Derives a 10-character API id (lower-case letters and digits) from a logical id, the same
/// on every run.
std::string derive_api_id(const std::string& logical_id);

}  // namespace lambdad::config
