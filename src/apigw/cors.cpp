#include "apigw/cors.hpp"

#include "apigw/headers.hpp"

#include <algorithm>
#include <optional>
#include <string>

namespace lambdad::apigw {
namespace {

std::string join(const std::vector<std::string>& values) {
    std::string joined;
    for (const auto& value : values) {
        if (!joined.empty()) {
            joined += ',';
        }
        joined += value;
    }
    return joined;
}

/// The Access-Control-Allow-Origin value for `origin`: `*` when all origins are allowed and
/// credentials are not, the origin itself when it is allowed, else nothing.
std::optional<std::string> allowed_origin(const config::cors_config& cors,
                                          std::string_view origin) {
    bool wildcard = std::find(cors.allow_origins.begin(), cors.allow_origins.end(), "*") !=
                    cors.allow_origins.end();
    if (wildcard && !cors.allow_credentials) {
        return std::string("*");
    }
    if (wildcard || std::find(cors.allow_origins.begin(), cors.allow_origins.end(), origin) !=
                        cors.allow_origins.end()) {
        return std::string(origin);
    }
    return std::nullopt;
}

bool is_cors_header(std::string_view name) {
    constexpr std::string_view prefix = "access-control-";
    return name.size() > prefix.size() && header_name_equals(name.substr(0, prefix.size()), prefix);
}

void add_common_headers(const config::cors_config& cors, const std::string& origin,
                        http::response& response) {
    response.headers.push_back({"Access-Control-Allow-Origin", origin});
    if (cors.allow_credentials) {
        response.headers.push_back({"Access-Control-Allow-Credentials", "true"});
    }
}

http::response rest_preflight(const config::cors_config& cors) {
    // SAM's Cors property: the mock OPTIONS method returns 200 with an empty body and the
    // configured values. AllowOrigin is one value there, so the first configured origin is
    // sent as it is.
    http::response response;
    response.status = 200;
    std::string origin = cors.allow_origins.empty() ? "*" : cors.allow_origins.front();
    add_common_headers(cors, origin, response);
    if (!cors.allow_methods.empty()) {
        response.headers.push_back({"Access-Control-Allow-Methods", join(cors.allow_methods)});
    }
    if (!cors.allow_headers.empty()) {
        response.headers.push_back({"Access-Control-Allow-Headers", join(cors.allow_headers)});
    }
    if (cors.max_age_s) {
        response.headers.push_back({"Access-Control-Max-Age", std::to_string(*cors.max_age_s)});
    }
    response.headers.push_back({"Content-Type", "application/json"});
    return response;
}

}  // namespace

bool is_preflight(const http::request& request) {
    return request.method == "OPTIONS" && find_header(request.headers, "Origin") &&
           find_header(request.headers, "Access-Control-Request-Method");
}

http::response preflight_response(const config::cors_config& cors, const http::request& request,
                                  bool http_api) {
    if (!http_api) {
        return rest_preflight(cors);
    }
    // NOTE: the status of an HTTP API's preflight response is not documented. 204 with an
    // empty body is what the service is commonly observed to send.
    http::response response;
    response.status = 204;
    auto origin = allowed_origin(cors, find_header(request.headers, "Origin").value_or(""));
    if (!origin) {
        return response;
    }
    add_common_headers(cors, *origin, response);
    if (!cors.allow_methods.empty()) {
        response.headers.push_back({"Access-Control-Allow-Methods", join(cors.allow_methods)});
    }
    if (!cors.allow_headers.empty()) {
        response.headers.push_back({"Access-Control-Allow-Headers", join(cors.allow_headers)});
    }
    if (cors.max_age_s) {
        response.headers.push_back({"Access-Control-Max-Age", std::to_string(*cors.max_age_s)});
    }
    return response;
}

void add_cors_headers(const config::cors_config& cors, const http::request& request, bool http_api,
                      http::response& response) {
    if (!http_api) {
        return;
    }
    auto request_origin = find_header(request.headers, "Origin");
    if (!request_origin || request.method == "OPTIONS") {
        return;
    }
    // "Configure CORS for HTTP APIs in API Gateway": with CORS configured, API Gateway ignores
    // the CORS headers that the integration returns.
    std::erase_if(response.headers,
                  [](const http::header& header) { return is_cors_header(header.name); });
    auto origin = allowed_origin(cors, *request_origin);
    if (!origin) {
        return;
    }
    add_common_headers(cors, *origin, response);
    if (!cors.expose_headers.empty()) {
        response.headers.push_back({"Access-Control-Expose-Headers", join(cors.expose_headers)});
    }
}

}  // namespace lambdad::apigw
