#pragma once

#include "lambdad/table.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lambdad::config {

/// A table declared in the configuration.
struct table_config {
    /// The key under `tables:`, used by `!Ref`.
    std::string logical_id;
    /// The DynamoDB table name.
    std::string name;
    key_schema key;
};

/// A function declared in the configuration.
struct function_config {
    /// The key under `functions:`, used by `!Ref` and by routes.
    std::string logical_id;
    /// The Lambda function name (defaults to the logical id).
    std::string name;
    /// The built-in module name, for example "users".
    std::string module;
    /// Where `module` is set, as `<file>:<line>:<column>: <key path>`, for errors found after
    /// loading, such as an unknown module.
    std::string module_location;
    std::map<std::string, std::string> environment;
    /// Module-specific settings.
    std::map<std::string, std::string> options;
    /// Lambda's limit is 1 to 900 s; the default 3 s matches Lambda's.
    std::chrono::milliseconds timeout{3'000};
    /// Lambda allows 128 to 10,240 MB; the default 128 MB matches Lambda's.
    std::uint32_t memory_size_mb = 128;
    /// The most environments the function may have at once; unset means the account limit.
    std::optional<std::uint32_t> reserved_concurrency;
};

/// One route of an API: a method and a path template mapped to a function.
struct route_config {
    /// An HTTP method in upper case, or "ANY".
    std::string method;
    /// A path template such as `/users/{userid}` or `/files/{proxy+}`.
    std::string path;
    /// The logical id of the target function.
    std::string function;
};

/// An API Gateway API declared in the configuration.
struct api_config {
    std::string logical_id;
    /// "REST" (payload format 1.0).
    std::string type = "REST";
    /// The API id used in ARNs and execute-api host names; generated from the logical id when
    /// not given.
    std::string api_id;
    /// The stage name, for example "Prod".
    std::string stage = "Prod";
    std::map<std::string, std::string> stage_variables;
    std::vector<route_config> routes;
};

/// The whole configuration file, with every `!Ref` resolved.
struct daemon_config {
    /// The file it was loaded from, or "<embedded default>".
    std::string source;
    std::vector<table_config> tables;
    std::vector<function_config> functions;
    std::vector<api_config> apis;
};

/// An invalid configuration: `what()` names the file, line, key and reason.
class config_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Loads and validates a configuration file. Throws config_error.
daemon_config load_file(const std::string& path);
/// Loads and validates configuration text; `source` names it in error messages.
/// Throws config_error.
daemon_config load_text(const std::string& text, const std::string& source);
/// The built-in default configuration: the Users service.
const std::string& default_config_text();

}  // namespace lambdad::config
