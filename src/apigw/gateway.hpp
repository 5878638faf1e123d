#pragma once

#include "config/config.hpp"
#include "http/message.hpp"
#include "lambda/function_pool.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace lambdad::apigw {

/// The functions of the daemon by logical id, as routes name them.
using function_map = std::map<std::string, std::shared_ptr<lambda::function_pool>>;

/// API Gateway in front of the daemon's functions: routes a request, builds the proxy event,
/// invokes the function and maps its answer back to HTTP.
///
/// Immutable after construction and safe to call from every I/O thread.
class gateway {
public:
    /// Builds the route tables of `apis`. Throws config::config_error when a route names an
    /// unknown function or two routes collide.
    gateway(const std::vector<config::api_config>& apis, function_map functions);
    ~gateway();

    /// Handles one request to the main port, which serves every API; see http::handler.
    void handle(http::request&& request, http::responder respond) const;
    /// Handles one request to the port of the API at `api_index` in configuration order.
    void handle_api(std::size_t api_index, http::request&& request, http::responder respond) const;
    /// The response for a request to the main port whose body is over API Gateway's 10 MB
    /// payload limit.
    http::response too_large(const http::request& request) const;
    /// Like too_large, for a request to the port of the API at `api_index`.
    http::response too_large_api(std::size_t api_index, const http::request& request) const;
    /// One line per route: method, URL with stage, function.
    std::vector<std::string> describe_routes(const std::string& base_url) const;

    class impl;

private:
    std::unique_ptr<impl> impl_;
};

}  // namespace lambdad::apigw
