#pragma once

#include "apigw/route_table.hpp"
#include "config/config.hpp"
#include "http/message.hpp"
#include "lambda/function_pool.hpp"

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lambdad::apigw {

/// One API: its configuration, routes and, by route index, the function of each route.
struct api_state {
    config::api_config config;
    route_table routes;
    std::vector<std::shared_ptr<lambda::function_pool>> functions;

    /// The integration timeout when the gateway must enforce it for route `index`: when the
    /// function's own timeout is not shorter, so that it cannot end the invocation first.
    std::optional<std::chrono::milliseconds> integration_deadline(std::size_t index) const;
};

/// The API and route that serve a request.
struct api_selection {
    /// The API that serves the request or, when nothing matched, the one whose error response
    /// the client gets; null only when the daemon has no API.
    const api_state* api = nullptr;
    /// The request path without stage, and without the execute-api prefix.
    std::string_view path;
    route_match match;

    bool matched() const { return match.matched(); }
};

/// Finds the API and route for a request whose raw path is `path`.
///
/// With `api_index` set (a port of the API's own) only that API is considered. Otherwise a
/// request addressed the way execute-api URLs are (`/restapis/{apiId}/{stage}/_user_request_/...`
/// or a Host of `{apiId}.execute-api.localhost`) goes to that API, and any other request to
/// the first API in configuration order whose stage and routes match it.
api_selection select_api(const std::vector<api_state>& apis, const http::request& request,
                         std::string_view path, std::optional<std::size_t> api_index);

/// One line per route of `api`: route key, URL, function.
std::vector<std::string> describe_api_routes(const api_state& api, const std::string& base_url);

}  // namespace lambdad::apigw
