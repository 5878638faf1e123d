#pragma once

#include "apigw/route_table.hpp"
#include "config/config.hpp"
#include "http/message.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace lambdad::apigw {

/// The inputs of a proxy event. Every member refers to data owned by the caller.
struct event_source {
    const http::request& request;
    /// The raw request path without the stage and query string.
    std::string_view path;
    /// The raw query string without `?`, empty when there is none.
    std::string_view query;
    /// A matched route and its path parameters.
    const route_match& match;
    const config::api_config& api;
    /// A UUID, also sent back in `x-amzn-RequestId`.
    std::string_view request_id;
    /// Also sent back in `x-amz-apigw-id`.
    std::string_view extended_request_id;
    std::chrono::system_clock::time_point request_time;
};

/// Builds the JSON text of a REST API proxy event (payload format 1.0), with the fields and
/// null rules of "Set up Lambda proxy integrations in API Gateway" in the API Gateway
/// developer guide.
std::string build_rest_event(const event_source& source);

/// Formats `time` the way API Gateway's `requestTime` does: `04/Dec/2026:13:24:48 +0000`.
std::string format_request_time(std::chrono::system_clock::time_point time);

}  // namespace lambdad::apigw
