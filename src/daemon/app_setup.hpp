#pragma once

#include "apigw/gateway.hpp"
#include "config/config.hpp"
#include "lambda/function_pool.hpp"

#include <memory>
#include <optional>
#include <string>

// Steps shared by `lambdad serve` and `lambdad routes`.

namespace lambdad::daemon {

/// Loads `path`, or the embedded default when unset. Throws config::config_error.
config::daemon_config load_config(const std::optional<std::string>& path);

/// Builds one function_pool per configured function from the built-in modules and the module
/// libraries it names. Throws config::config_error naming the function when its module is not
/// built in or its library cannot be loaded.
apigw::function_map build_functions(const config::daemon_config& config, table_provider& tables,
                                    lambda::blocking_executor executor);

}  // namespace lambdad::daemon
