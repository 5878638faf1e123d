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
    /// The built-in module name, for example "users"; empty when `library` is set.
    std::string module;
    /// The path of a module library (a shared library built against include/lambdad/) that
    /// implements the function; empty for a built-in module. load_file makes a relative path
    /// relative to the configuration file's directory.
    std::string library;
    /// Where `module` or `library` is set, as `<file>:<line>:<column>: <key path>`, for errors
    /// found after loading, such as an unknown module.
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
    /// Time the init phase may take; Lambda's is 10 s.
    std::chrono::milliseconds init_timeout{10'000};
    /// Time an unused environment stays warm before it is shut down.
    std::chrono::milliseconds idle_timeout{600'000};
    /// Environments initialised at startup and kept warm, never shut down for being idle.
    std::uint32_t provisioned_concurrency = 0;
    /// Alias names that the Invoke API accepts as `Qualifier`; each resolves to `$LATEST`.
    std::vector<std::string> aliases;
};

/// One route of an API: a method and a path template mapped to a function.
struct route_config {
    /// An HTTP method in upper case, or "ANY". Empty for an HTTP API's `$default` route.
    std::string method;
    /// A path template such as `/users/{userid}` or `/files/{proxy+}`, or `$default` for the
    /// catch-all route of an HTTP API.
    std::string path;
    /// The logical id of the target function.
    std::string function;
    /// "1.0" or "2.0" on HTTP APIs; empty means the API's `payload_format_version`.
    std::string payload_format_version = {};
};

/// The CORS settings of an API: an HTTP API's CorsConfiguration, or the values that SAM's
/// `Cors` property of a REST API turns into a mock OPTIONS method.
struct cors_config {
    std::vector<std::string> allow_origins;
    std::vector<std::string> allow_methods;
    std::vector<std::string> allow_headers;
    std::vector<std::string> expose_headers;
    /// Seconds a browser may cache a preflight response; unset sends no Access-Control-Max-Age.
    std::optional<std::int64_t> max_age_s;
    bool allow_credentials = false;
};

/// An API Gateway API declared in the configuration.
struct api_config {
    std::string logical_id;
    /// "REST" (payload format 1.0) or "HTTP" (API Gateway v2, payload format 2.0 or 1.0).
    std::string type = "REST";
    /// The API id used in ARNs and execute-api host names; generated from the logical id when
    /// not given.
    std::string api_id;
    /// The stage name, for example "Prod"; "$default" on an HTTP API means no path prefix.
    std::string stage = "Prod";
    std::map<std::string, std::string> stage_variables;
    std::vector<route_config> routes;
    /// The payload format of routes that do not name one: always "1.0" on REST APIs, "2.0" by
    /// default on HTTP APIs.
    std::string payload_format_version = "1.0";
    /// REST APIs: media types (`type/subtype`, `*` wildcards) whose bodies are binary.
    std::vector<std::string> binary_media_types;
    std::optional<cors_config> cors;
    /// Time the gateway waits for the function before it responds with its timeout error.
    std::chrono::milliseconds integration_timeout{29'000};
    /// A port of its own on which the API is served too; unset means only the main port.
    std::optional<std::uint16_t> port;

    bool is_http_api() const { return type == "HTTP"; }
};

/// Limits of the API ports that protect the daemon from slow or stuck clients.
struct http_limits {
    /// Time a client has to send a whole request header, from its first byte or from the
    /// connection's start.
    std::chrono::milliseconds header_timeout{10'000};
    /// Time a client has to send the body once the header has arrived; also the time a
    /// response may take to write.
    std::chrono::milliseconds body_timeout{60'000};
    /// Time a keep-alive connection may stay idle between requests.
    std::chrono::milliseconds idle_timeout{60'000};
    /// Connections beyond this number, per port, are closed as soon as they are accepted.
    std::size_t max_connections = 10'000;
    /// Time a stopping daemon waits for its open connections to finish before it closes them.
    std::chrono::milliseconds shutdown_grace{10'000};
};

/// The whole configuration file, with every `!Ref` resolved.
struct daemon_config {
    /// The file it was loaded from, or "<embedded default>".
    std::string source;
    std::vector<table_config> tables;
    std::vector<function_config> functions;
    std::vector<api_config> apis;
    /// The account's concurrency limit (Lambda's ConcurrentExecutions quota, 1000 by default):
    /// the most invocations of all functions that may run at once.
    std::uint32_t account_concurrency_limit = 1000;
    http_limits http;
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
