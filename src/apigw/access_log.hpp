#pragma once

#include <spdlog/logger.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace lambdad::apigw {

/// The fields of one access log line. Views refer to data owned by the caller.
struct access_record {
    std::string_view request_id;
    std::uint64_t connection_id = 0;
    std::string_view remote_address;
    std::string_view method;
    /// The request path without the query string, which may carry tokens.
    std::string_view path;
    unsigned status = 0;
    std::size_t bytes_in = 0;
    std::size_t bytes_out = 0;
    std::chrono::microseconds duration{0};
    /// Time spent in the function invocation, zero when none ran.
    std::chrono::microseconds integration_latency{0};
    std::string_view api;
    std::string_view stage;
    /// The route key, for example `GET /users/{userid}`; empty when no route matched.
    std::string_view route;
    std::string_view function;
    /// "cold", "warm", or empty when no function ran.
    std::string_view start;
    /// The error type, empty on success.
    std::string_view error_type;
    std::string_view user_agent;
};

/// Writes one line for a completed request at info level.
void log_access(spdlog::logger& logger, const access_record& record);

}  // namespace lambdad::apigw
