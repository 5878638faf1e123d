#include "apigw/api_selection.hpp"

#include "apigw/headers.hpp"
#include "apigw/request_target.hpp"

namespace lambdad::apigw {
namespace {

constexpr std::string_view execute_api_prefix = "/restapis/";
constexpr std::string_view user_request_segment = "/_user_request_";
constexpr std::string_view execute_api_host_suffix = ".execute-api.localhost";

/// Returns the path of a request to `api` without the stage, or nullopt when the stage does
/// not fit. A REST API accepts paths with or without its stage. An HTTP API with a named
/// stage needs it, and its $default stage takes every path as it is ("Working with stages for
/// HTTP APIs").
std::optional<std::string_view> path_in_api(const api_state& api, std::string_view path) {
    const std::string& stage = api.config.stage;
    if (!api.config.is_http_api()) {
        return strip_stage(path, stage);
    }
    if (stage == "$default") {
        return path;
    }
    std::string_view stripped = strip_stage(path, stage);
    if (stripped.size() == path.size()) {
        return std::nullopt;
    }
    return stripped;
}

const api_state* find_api_by_id(const std::vector<api_state>& apis, std::string_view api_id) {
    for (const auto& api : apis) {
        if (api.config.api_id == api_id) {
            return &api;
        }
    }
    return nullptr;
}

api_selection match_in_api(const api_state& api, const http::request& request,
                           std::string_view path) {
    api_selection selection;
    selection.api = &api;
    if (auto stripped = path_in_api(api, path)) {
        selection.path = *stripped;
        selection.match = api.routes.match(request.method, selection.path);
    }
    return selection;
}

/// Matches `/restapis/{apiId}/{stage}/_user_request_/{path}`; the stage must be the API's.
std::optional<api_selection> match_execute_api_path(const std::vector<api_state>& apis,
                                                    const http::request& request,
                                                    std::string_view path) {
    if (path.rfind(execute_api_prefix, 0) != 0) {
        return std::nullopt;
    }
    std::string_view rest = path.substr(execute_api_prefix.size());
    std::size_t slash = rest.find('/');
    const api_state* api = find_api_by_id(apis, rest.substr(0, slash));
    if (api == nullptr || slash == std::string_view::npos) {
        return std::nullopt;
    }
    rest.remove_prefix(slash + 1);
    std::size_t user_request = rest.find(user_request_segment);
    if (user_request == std::string_view::npos ||
        rest.substr(0, user_request) != api->config.stage) {
        return api_selection{api, {}, {}};
    }
    std::string_view user_path = rest.substr(user_request + user_request_segment.size());
    if (!user_path.empty() && user_path.front() != '/') {
        return api_selection{api, {}, {}};
    }
    api_selection selection;
    selection.api = api;
    selection.path = user_path.empty() ? std::string_view("/") : user_path;
    selection.match = api->routes.match(request.method, selection.path);
    return selection;
}

/// Returns the API named by a Host header of `{apiId}.execute-api.localhost[:port]`.
const api_state* api_from_host(const std::vector<api_state>& apis, const http::request& request) {
    auto host = find_header(request.headers, "Host");
    if (!host) {
        return nullptr;
    }
    std::string_view name = host->substr(0, host->rfind(':'));
    if (name.size() <= execute_api_host_suffix.size() ||
        name.substr(name.size() - execute_api_host_suffix.size()) != execute_api_host_suffix) {
        return nullptr;
    }
    return find_api_by_id(apis, name.substr(0, name.size() - execute_api_host_suffix.size()));
}

}  // namespace

std::optional<std::chrono::milliseconds> api_state::integration_deadline(std::size_t index) const {
    if (functions[index]->config().timeout < config.integration_timeout) {
        return std::nullopt;
    }
    return config.integration_timeout;
}

api_selection select_api(const std::vector<api_state>& apis, const http::request& request,
                         std::string_view path, std::optional<std::size_t> api_index) {
    if (apis.empty()) {
        return {};
    }
    if (api_index) {
        return match_in_api(apis.at(*api_index), request, path);
    }
    if (auto selection = match_execute_api_path(apis, request, path)) {
        return *selection;
    }
    if (apis.size() > 1) {
        if (const api_state* api = api_from_host(apis, request)) {
            return match_in_api(*api, request, path);
        }
    }
    std::optional<api_selection> resource_without_method;
    for (const auto& api : apis) {
        api_selection selection = match_in_api(api, request, path);
        if (selection.matched()) {
            return selection;
        }
        if (!resource_without_method && selection.match.status == match_status::no_method) {
            resource_without_method = selection;
        }
    }
    if (resource_without_method) {
        return *resource_without_method;
    }
    // NOTE: with several APIs on one port, a request that none of them matches gets the
    // error response of the first API's type.
    api_selection unmatched;
    unmatched.api = &apis.front();
    return unmatched;
}

std::vector<std::string> describe_api_routes(const api_state& api, const std::string& base_url) {
    std::vector<std::string> lines;
    std::string stage_prefix = api.config.stage == "$default" ? "" : "/" + api.config.stage;
    std::string scheme = "http://";
    std::string host_port = base_url.substr(base_url.find("://") + 3);
    std::string port = host_port.substr(host_port.rfind(':'));
    std::string line = "API " + api.config.logical_id + " (" + api.config.type + ", id " +
                       api.config.api_id + ", stage " + api.config.stage + "): " + base_url +
                       "/restapis/" + api.config.api_id + "/" + api.config.stage +
                       "/_user_request_/ " + scheme + api.config.api_id +
                       std::string(execute_api_host_suffix) + port + stage_prefix + "/";
    if (api.config.port) {
        line += " " + scheme + host_port.substr(0, host_port.rfind(':')) + ":" +
                std::to_string(*api.config.port) + stage_prefix + "/";
    }
    lines.push_back(std::move(line));
    for (const auto& route : api.routes.routes()) {
        std::string path = route.resource == "$default" ? "/*" : route.resource;
        std::string method = route.resource == "$default" ? "$default" : route.method;
        lines.push_back(method + " " + base_url + stage_prefix + path + " -> " + route.function);
    }
    return lines;
}

}  // namespace lambdad::apigw
