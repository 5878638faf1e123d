#include "apigw/gateway.hpp"

#include "apigw/access_log.hpp"
#include "apigw/api_selection.hpp"
#include "apigw/body_encoding.hpp"
#include "apigw/cors.hpp"
#include "apigw/deadline_scheduler.hpp"
#include "apigw/gateway_responses.hpp"
#include "apigw/headers.hpp"
#include "apigw/http_event.hpp"
#include "apigw/http_response.hpp"
#include "apigw/request_target.hpp"
#include "apigw/rest_event.hpp"
#include "apigw/rest_response.hpp"
#include "common/ids.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <utility>

namespace lambdad::apigw {
namespace {

using steady_clock = std::chrono::steady_clock;
using std::chrono::duration_cast;
using std::chrono::microseconds;

/// Lambda's maximum response payload for a synchronous invocation ("Lambda quotas"). A larger
/// result fails the invocation, which the gateway reports as a failed integration.
constexpr std::size_t max_function_response_bytes = 6 * 1024 * 1024;

std::shared_ptr<spdlog::logger> logger_or_default(const char* name) {
    auto logger = spdlog::get(name);
    return logger ? logger : spdlog::default_logger();
}

api_state make_api_state(const config::api_config& api, const function_map& functions) {
    routing_rules rules = api.is_http_api() ? routing_rules::http : routing_rules::rest;
    api_state state{api, route_table(api.routes, rules, api.payload_format_version), {}};
    for (const auto& route : state.routes.routes()) {
        auto function = functions.find(route.function);
        if (function == functions.end() || !function->second) {
            throw config::config_error("API " + api.logical_id + " route " + route.route_key +
                                       " names unknown function " + route.function);
        }
        state.functions.push_back(function->second);
    }
    return state;
}

/// Returns whether the gateway itself responds to the request as a CORS preflight. On an HTTP API
/// that is every preflight, route or not. On a REST API it is an OPTIONS request to a resource
/// without an OPTIONS method, which SAM's Cors property would have given a mock one.
bool answers_preflight(const api_selection& selected, const http::request& request) {
    if (selected.api->config.is_http_api()) {
        return is_preflight(request);
    }
    return request.method == "OPTIONS" && selected.match.status == match_status::no_method;
}

/// A request from its arrival to its response; shared with the invocation callback.
struct exchange {
    http::request request;
    http::responder respond;
    std::string request_id;
    std::string extended_request_id;
    steady_clock::time_point started;
    /// The API that serves the request, or the one whose errors it gets when nothing matched.
    const api_state* api = nullptr;
    /// The route index in api->routes when a route matched.
    std::optional<std::size_t> route_index;
    std::string_view start;
    std::string error_type;
    microseconds integration_latency{0};
    /// Set by whichever of the function's result and the integration timeout comes first.
    std::atomic<bool> answered{false};

    bool http_api() const { return api && api->config.is_http_api(); }
    const route& matched_route() const { return api->routes.routes()[*route_index]; }
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

    void handle(http::request&& request, http::responder respond,
                std::optional<std::size_t> api_index) const;
    http::response too_large(const http::request& request,
                             std::optional<std::size_t> api_index) const;
    std::vector<std::string> describe_routes(const std::string& base_url) const;

private:
    void route_and_invoke(const std::shared_ptr<exchange>& current,
                          std::optional<std::size_t> api_index) const;
    void invoke(const std::shared_ptr<exchange>& current, std::string_view path,
                std::string_view query, const route_match& match) const;
    void complete(exchange& current, lambda::invocation_result&& result) const;
    void complete_success(exchange& current, std::string_view payload) const;
    void fail(exchange& current, std::string error_type) const;
    void finish(exchange& current, http::response&& response) const;
    void log(const exchange& current, const http::response& response) const;

    function_map functions_;
    std::vector<api_state> apis_;
    std::shared_ptr<spdlog::logger> access_logger_;
    std::shared_ptr<spdlog::logger> logger_;
    /// Declared last, so that its thread stops before anything its callbacks use goes away.
    mutable deadline_scheduler timeouts_;
};

void gateway::impl::handle(http::request&& request, http::responder respond,
                           std::optional<std::size_t> api_index) const {
    auto current = std::make_shared<exchange>();
    current->request = std::move(request);
    current->respond = std::move(respond);
    current->started = steady_clock::now();
    try {
        current->extended_request_id = make_extended_request_id();
        route_and_invoke(current, api_index);
    } catch (const std::exception& error) {
        logger_->error("Request failed before the function ran. request_id={} error={}",
                       current->request_id, error.what());
        // The invocation may have started before the failure; only one side may respond.
        if (current->answered.exchange(true)) {
            return;
        }
        current->error_type = "InternalServerErrorException";
        finish(*current,
               current->http_api() ? http_internal_server_error() : internal_server_error(500));
    }
}

void gateway::impl::route_and_invoke(const std::shared_ptr<exchange>& current,
                                     std::optional<std::size_t> api_index) const {
    request_target target = split_target(current->request.target);
    api_selection selected = select_api(apis_, current->request, target.path, api_index);
    current->api = selected.api;
    // "Create AWS Lambda proxy integrations for HTTP APIs in API Gateway": an HTTP API's
    // requestId is the id it also returns in apigw-requestid, not a UUID.
    current->request_id = current->http_api() ? current->extended_request_id : random_uuid();
    if (selected.api && selected.api->config.cors &&
        answers_preflight(selected, current->request)) {
        finish(*current, preflight_response(*selected.api->config.cors, current->request,
                                            selected.api->config.is_http_api()));
        return;
    }
    if (!selected.matched()) {
        bool http_api = current->http_api();
        current->error_type =
            http_api ? "NotFoundException" : "MissingAuthenticationTokenException";
        finish(*current, http_api ? http_not_found() : missing_authentication_token());
        return;
    }
    const api_state& api = *selected.api;
    current->route_index =
        static_cast<std::size_t>(selected.match.target - api.routes.routes().data());
    invoke(current, selected.path, target.query, selected.match);
}

void gateway::impl::invoke(const std::shared_ptr<exchange>& current, std::string_view path,
                           std::string_view query, const route_match& match) const {
    const api_state& api = *current->api;
    event_source source{current->request,
                        path,
                        query,
                        match,
                        api.config,
                        current->request_id,
                        current->extended_request_id,
                        std::chrono::system_clock::now()};
    bool payload_v2 = current->matched_route().payload_v2;
    lambda::invocation_request invocation{
        current->request_id, payload_v2 ? build_http_event(source) : build_rest_event(source)};
    std::size_t index = *current->route_index;
    // Armed before the invocation starts, because a function pool may run the function before
    // invoke() returns.
    if (auto deadline = api.integration_deadline(index)) {
        timeouts_.schedule(*deadline, [this, current] {
            if (current->answered.exchange(true)) {
                return;
            }
            logger_->warn("Integration timed out. request_id={} function={} timeout_ms={}",
                          current->request_id, current->matched_route().function,
                          current->api->config.integration_timeout.count());
            current->error_type =
                current->http_api() ? "ServiceUnavailableException" : "IntegrationTimeoutException";
            finish(*current,
                   current->http_api() ? http_service_unavailable() : integration_timeout());
        });
    }
    auto invoked = steady_clock::now();
    api.functions[index]->invoke(std::move(invocation),
                                 [this, current, invoked](lambda::invocation_result result) {
                                     if (current->answered.exchange(true)) {
                                         return;
                                     }
                                     current->integration_latency =
                                         duration_cast<microseconds>(steady_clock::now() - invoked);
                                     complete(*current, std::move(result));
                                 });
}

void gateway::impl::complete(exchange& current, lambda::invocation_result&& result) const {
    current.start = result.cold_start ? "cold" : "warm";
    const std::string& function = current.matched_route().function;
    try {
        switch (result.status) {
            case lambda::invocation_status::success:
                if (result.payload.size() > max_function_response_bytes) {
                    logger_->error(
                        "Function response is over Lambda's 6 MB limit. request_id={} "
                        "function={} bytes={}",
                        current.request_id, function, result.payload.size());
                    fail(current, "LambdaResponseSizeTooLarge");
                    return;
                }
                complete_success(current, result.payload);
                return;
            case lambda::invocation_status::function_error:
                logger_->warn("Function invocation failed. request_id={} function={} error_type={}",
                              current.request_id, function, result.error_type);
                fail(current, result.error_type.empty() ? "FunctionError" : result.error_type);
                return;
            case lambda::invocation_status::throttled:
                // A throttled Lambda integration is a 500 Internal server error on a REST API,
                // per the AWS knowledge center article "How do I troubleshoot issues for API
                // Gateway endpoints that integrate with Lambda?".
                logger_->warn("Function invocation was throttled. request_id={} function={}",
                              current.request_id, function);
                current.error_type = "TooManyRequestsException";
                finish(current, current.http_api() ? http_internal_server_error()
                                                   : internal_server_error(500));
                return;
        }
    } catch (const std::exception& error) {
        logger_->error("Mapping the function's response failed. request_id={} function={} error={}",
                       current.request_id, function, error.what());
    }
    current.error_type = "InternalServerErrorException";
    finish(current, current.http_api() ? http_internal_server_error() : internal_server_error(500));
}

void gateway::impl::complete_success(exchange& current, std::string_view payload) const {
    const api_state& api = *current.api;
    mapped_response mapped;
    if (current.matched_route().payload_v2) {
        mapped = map_http_response(payload);
    } else if (api.config.is_http_api()) {
        // HTTP APIs have no binaryMediaTypes: a base64 body is always decoded.
        mapped = map_rest_response(payload, true);
    } else {
        mapped = map_rest_response(payload, accepts_binary_response(current.request, api.config));
    }
    if (mapped.valid()) {
        finish(current, std::move(mapped.response));
        return;
    }
    logger_->error(
        "Function returned a malformed Lambda proxy response. request_id={} function={} "
        "error={}",
        current.request_id, current.matched_route().function, mapped.error);
    fail(current, "MalformedLambdaProxyResponse");
}

// A failed integration: 502 on a REST API ("Set up Lambda proxy integrations in API
// Gateway"), 500 on an HTTP API.
void gateway::impl::fail(exchange& current, std::string error_type) const {
    current.error_type = std::move(error_type);
    finish(current, current.http_api() ? http_internal_server_error() : internal_server_error(502));
}

void gateway::impl::finish(exchange& current, http::response&& response) const {
    if (current.http_api()) {
        response.headers.push_back({"apigw-requestid", current.request_id});
        if (!current.error_type.empty()) {
            response.headers.push_back({"x-amzn-RequestId", current.request_id});
        }
    } else {
        response.headers.push_back({"x-amzn-RequestId", current.request_id});
        response.headers.push_back({"x-amz-apigw-id", current.extended_request_id});
    }
    if (current.api && current.api->config.cors) {
        add_cors_headers(*current.api->config.cors, current.request,
                         current.api->config.is_http_api(), response);
    }
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
    }
    if (current.route_index) {
        record.route = current.matched_route().route_key;
        record.function = current.matched_route().function;
    }
    record.start = current.start;
    record.error_type = current.error_type;
    record.user_agent = find_header(current.request.headers, "User-Agent").value_or("");
    log_access(*access_logger_, record);
}

http::response gateway::impl::too_large(const http::request& request,
                                        std::optional<std::size_t> api_index) const {
    request_target target = split_target(request.target);
    const api_state* api = select_api(apis_, request, target.path, api_index).api;
    bool http_api = api && api->config.is_http_api();
    http::response response = request_too_large(http_api);
    std::string extended_request_id = make_extended_request_id();
    std::string request_id = http_api ? extended_request_id : random_uuid();
    response.headers.push_back({"x-amzn-RequestId", request_id});
    response.headers.push_back(
        {http_api ? "apigw-requestid" : "x-amz-apigw-id", extended_request_id});
    access_record record;
    record.request_id = request_id;
    record.connection_id = request.connection_id;
    record.remote_address = request.remote_address;
    record.method = request.method;
    record.path = target.path;
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
        for (const auto& line : describe_api_routes(api, base_url)) {
            lines.push_back(line);
        }
    }
    return lines;
}

gateway::gateway(const std::vector<config::api_config>& apis, function_map functions)
    : impl_(std::make_unique<impl>(apis, std::move(functions))) {}

gateway::~gateway() = default;

void gateway::handle(http::request&& request, http::responder respond) const {
    impl_->handle(std::move(request), std::move(respond), std::nullopt);
}

void gateway::handle_api(std::size_t api_index, http::request&& request,
                         http::responder respond) const {
    impl_->handle(std::move(request), std::move(respond), api_index);
}

http::response gateway::too_large(const http::request& request) const {
    return impl_->too_large(request, std::nullopt);
}

http::response gateway::too_large_api(std::size_t api_index, const http::request& request) const {
    return impl_->too_large(request, api_index);
}

std::vector<std::string> gateway::describe_routes(const std::string& base_url) const {
    return impl_->describe_routes(base_url);
}

}  // namespace lambdad::apigw
