#include "apigw/gateway.hpp"

#include "apigw/access_log.hpp"
#include "apigw/gateway_responses.hpp"
#include "apigw/headers.hpp"
#include "apigw/request_target.hpp"
#include "apigw/rest_event.hpp"
#include "apigw/rest_response.hpp"
#include "apigw/route_table.hpp"
#include "common/ids.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <exception>
#include <utility>

namespace lambdad::apigw {
namespace {

using steady_clock = std::chrono::steady_clock;
using std::chrono::duration_cast;
using std::chrono::microseconds;

/// One REST API: its configuration, routes and, by route index, the function of each route.
struct api_state {
    config::api_config config;
    route_table routes;
    std::vector<std::shared_ptr<lambda::function_pool>> functions;
    /// `METHOD /resource` by route index, for log lines.
    std::vector<std::string> route_keys;
};

std::shared_ptr<spdlog::logger> logger_or_default(const char* name) {
    auto logger = spdlog::get(name);
    return logger ? logger : spdlog::default_logger();
}

api_state make_api_state(const config::api_config& api, const function_map& functions) {
    api_state state{api, route_table(api.routes), {}, {}};
    for (const auto& route : state.routes.routes()) {
        auto function = functions.find(route.function);
        if (function == functions.end() || !function->second) {
            throw config::config_error("API " + api.logical_id + " route " + route.method + " " +
                                       route.resource + " names unknown function " +
                                       route.function);
        }
        state.functions.push_back(function->second);
        state.route_keys.push_back(route.method + " " + route.resource);
    }
    return state;
}

/// A request from its arrival to its response; shared with the invocation callback.
struct exchange {
    http::request request;
    http::responder respond;
    std::string request_id;
    std::string extended_request_id;
    steady_clock::time_point started;
    std::string_view path;
    const api_state* api = nullptr;
    std::size_t route_index = 0;
    std::string_view start;
    std::string error_type;
    microseconds integration_latency{0};
};

}  // namespace

class gateway::impl {
public:
    impl(const std::vector<config::api_config>& apis, function_map functions)
        : functions_(std::move(functions)),
          access_logger_(logger_or_default("access")),
          logger_(logger_or_default("lambdad")) {
        for (const auto& api : apis) {
            apis_.push_back(make_api_state(api, functions_));
        }
    }

    void handle(http::request&& request, http::responder respond) const;
    http::response too_large(const http::request& request) const;
    std::vector<std::string> describe_routes(const std::string& base_url) const;

private:
    void route_and_invoke(const std::shared_ptr<exchange>& current) const;
    void complete(exchange& current, lambda::invocation_result&& result) const;
    void finish(exchange& current, http::response&& response) const;
    void log(const exchange& current, const http::response& response) const;

    function_map functions_;
    std::vector<api_state> apis_;
    std::shared_ptr<spdlog::logger> access_logger_;
    std::shared_ptr<spdlog::logger> logger_;
};

void gateway::impl::handle(http::request&& request, http::responder respond) const {
    auto current = std::make_shared<exchange>();
    current->request = std::move(request);
    current->respond = std::move(respond);
    current->started = steady_clock::now();
    try {
        current->request_id = random_uuid();
        current->extended_request_id = make_extended_request_id();
        route_and_invoke(current);
    } catch (const std::exception& error) {
        logger_->error("Request failed before the function ran. request_id={} error={}",
                       current->request_id, error.what());
        current->error_type = "InternalServerErrorException";
        finish(*current, internal_server_error(500));
    }
}

void gateway::impl::route_and_invoke(const std::shared_ptr<exchange>& current) const {
    request_target target = split_target(current->request.target);
    current->path = target.path;
    route_match match;
    for (const auto& api : apis_) {
        std::string_view path = strip_stage(target.path, api.config.stage);
        match = api.routes.match(current->request.method, path);
        if (match.matched()) {
            current->api = &api;
            current->path = path;
            break;
        }
    }
    if (!current->api) {
        current->error_type = "MissingAuthenticationTokenException";
        finish(*current, missing_authentication_token());
        return;
    }
    const api_state& api = *current->api;
    current->route_index = static_cast<std::size_t>(match.target - api.routes.routes().data());

    event_source source{current->request,
                        current->path,
                        target.query,
                        match,
                        api.config,
                        current->request_id,
                        current->extended_request_id,
                        std::chrono::system_clock::now()};
    lambda::invocation_request invocation{current->request_id, build_rest_event(source)};
    auto invoked = steady_clock::now();
    api.functions[current->route_index]->invoke(
        std::move(invocation), [this, current, invoked](lambda::invocation_result result) {
            current->integration_latency =
                duration_cast<microseconds>(steady_clock::now() - invoked);
            complete(*current, std::move(result));
        });
}

void gateway::impl::complete(exchange& current, lambda::invocation_result&& result) const {
    current.start = result.cold_start ? "cold" : "warm";
    const std::string& function = current.api->routes.routes()[current.route_index].function;
    try {
        switch (result.status) {
            case lambda::invocation_status::success: {
                mapped_response mapped = map_rest_response(result.payload);
                if (mapped.valid()) {
                    finish(current, std::move(mapped.response));
                    return;
                }
                logger_->error(
                    "Function returned a malformed Lambda proxy response. request_id={} "
                    "function={} error={}",
                    current.request_id, function, mapped.error);
                current.error_type = "MalformedLambdaProxyResponse";
                finish(current, internal_server_error(502));
                return;
            }
            case lambda::invocation_status::function_error:
                logger_->warn("Function invocation failed. request_id={} function={} error_type={}",
                              current.request_id, function, result.error_type);
                current.error_type =
                    result.error_type.empty() ? "FunctionError" : result.error_type;
                finish(current, internal_server_error(502));
                return;
            case lambda::invocation_status::throttled:
                // A throttled Lambda integration is a 500 Internal server error on a REST API,
                // per the AWS knowledge center article "How do I troubleshoot issues for API
                // Gateway endpoints that integrate with Lambda?".
                logger_->warn("Function invocation was throttled. request_id={} function={}",
                              current.request_id, function);
                current.error_type = "TooManyRequestsException";
                finish(current, internal_server_error(500));
                return;
        }
    } catch (const std::exception& error) {
        logger_->error("Mapping the function's response failed. request_id={} function={} error={}",
                       current.request_id, function, error.what());
    }
    current.error_type = "InternalServerErrorException";
    finish(current, internal_server_error(500));
}

void gateway::impl::finish(exchange& current, http::response&& response) const {
    response.headers.push_back({"x-amzn-RequestId", current.request_id});
    response.headers.push_back({"x-amz-apigw-id", current.extended_request_id});
    try {
        log(current, response);
    } catch (const std::exception& error) {
        logger_->error("Writing the access log failed. request_id={} error={}", current.request_id,
                       error.what());
    }
    current.respond(std::move(response));
}

void gateway::impl::log(const exchange& current, const http::response& response) const {
    access_record record;
    record.request_id = current.request_id;
    record.connection_id = current.request.connection_id;
    record.remote_address = current.request.remote_address;
    record.method = current.request.method;
    record.path = split_target(current.request.target).path;
    record.status = response.status;
    record.bytes_in = current.request.body.size();
    record.bytes_out = response.body.size();
    record.duration = duration_cast<microseconds>(steady_clock::now() - current.started);
    record.integration_latency = current.integration_latency;
    if (current.api) {
        record.api = current.api->config.logical_id;
        record.stage = current.api->config.stage;
        record.route = current.api->route_keys[current.route_index];
        record.function = current.api->routes.routes()[current.route_index].function;
    }
    record.start = current.start;
    record.error_type = current.error_type;
    record.user_agent = find_header(current.request.headers, "User-Agent").value_or("");
    log_access(*access_logger_, record);
}

http::response gateway::impl::too_large(const http::request& request) const {
    http::response response = request_too_large();
    std::string request_id = random_uuid();
    response.headers.push_back({"x-amzn-RequestId", request_id});
    response.headers.push_back({"x-amz-apigw-id", make_extended_request_id()});
    access_record record;
    record.request_id = request_id;
    record.connection_id = request.connection_id;
    record.remote_address = request.remote_address;
    record.method = request.method;
    record.path = split_target(request.target).path;
    record.status = response.status;
    record.bytes_out = response.body.size();
    record.error_type = "RequestTooLarge";
    record.user_agent = find_header(request.headers, "User-Agent").value_or("");
    log_access(*access_logger_, record);
    return response;
}

std::vector<std::string> gateway::impl::describe_routes(const std::string& base_url) const {
    std::vector<std::string> lines;
    for (const auto& api : apis_) {
        for (const auto& route : api.routes.routes()) {
            lines.push_back(route.method + " " + base_url + "/" + api.config.stage +
                            route.resource + " -> " + route.function);
        }
    }
    return lines;
}

gateway::gateway(const std::vector<config::api_config>& apis, function_map functions)
    : impl_(std::make_unique<impl>(apis, std::move(functions))) {}

gateway::~gateway() = default;

void gateway::handle(http::request&& request, http::responder respond) const {
    impl_->handle(std::move(request), std::move(respond));
}

http::response gateway::too_large(const http::request& request) const {
    return impl_->too_large(request);
}

std::vector<std::string> gateway::describe_routes(const std::string& base_url) const {
    return impl_->describe_routes(base_url);
}

}  // namespace lambdad::apigw
