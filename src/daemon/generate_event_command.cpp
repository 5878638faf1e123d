#include "apigw/api_selection.hpp"
#include "apigw/gateway_responses.hpp"
#include "apigw/headers.hpp"
#include "apigw/http_event.hpp"
#include "apigw/request_target.hpp"
#include "apigw/rest_event.hpp"
#include "common/ids.hpp"
#include "daemon/app_setup.hpp"
#include "daemon/commands.hpp"

#include <iostream>
#include <stdexcept>

namespace lambdad::daemon {
namespace {

/// Without --config, the event comes from an API whose catch-all routes send every request to
/// one function.
constexpr const char* catch_all_rest_api = R"(
functions:
  Function: {module: echo}
apis:
  Api:
    type: REST
    routes:
      - {method: ANY, path: /, function: Function}
      - {method: ANY, path: "/{proxy+}", function: Function}
)";

constexpr const char* catch_all_http_api = R"(
functions:
  Function: {module: echo}
apis:
  Api:
    type: HTTP
    routes:
      - {path: $default, function: Function}
)";

/// Input that makes the command fail before an event is built; `what()` is the message.
class event_input_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// A request that no route of the chosen API matches; `what()` is the message.
class no_route_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

bool wants_http_api(const generate_event_options& options) {
    return options.source == "apigateway-http";
}

config::daemon_config load_event_config(const generate_event_options& options) {
    if (options.config_path) {
        return config::load_file(*options.config_path);
    }
    return config::load_text(wants_http_api(options) ? catch_all_http_api : catch_all_rest_api,
                             "<generate-event " + options.source + ">");
}

std::size_t choose_api(const config::daemon_config& config, const generate_event_options& options) {
    for (std::size_t i = 0; i < config.apis.size(); ++i) {
        const config::api_config& api = config.apis[i];
        if (options.api ? api.logical_id == *options.api
                        : api.is_http_api() == wants_http_api(options)) {
            return i;
        }
    }
    if (options.api) {
        throw event_input_error(config.source + " has no API with logical id " + *options.api);
    }
    throw event_input_error(config.source + " has no " +
                            (wants_http_api(options) ? "HTTP API" : "REST API") +
                            "; use --api to choose one");
}

http::request make_request(const generate_event_options& options) {
    http::request request;
    request.method = options.method;
    request.target = options.path;
    request.remote_address = "127.0.0.1";
    for (const auto& field : options.headers) {
        std::size_t colon = field.find(':');
        if (colon == std::string::npos || colon == 0) {
            throw event_input_error("invalid --header " + field + ": expected 'Name: value'");
        }
        std::string name = field.substr(0, colon);
        std::size_t value_start = field.find_first_not_of(" \t", colon + 1);
        request.headers.push_back(
            {name, value_start == std::string::npos ? "" : field.substr(value_start)});
    }
    // An HTTP/1.1 request must carry Host (RFC 9112, section 3.2), so one is added when missing:
    // the address that `lambdad serve` listens on by default.
    if (!apigw::find_header(request.headers, "Host")) {
        request.headers.insert(request.headers.begin(), {"Host", "127.0.0.1:3000"});
    }
    if (options.body) {
        request.body = *options.body;
        request.headers.push_back({"Content-Length", std::to_string(request.body.size())});
    }
    return request;
}

std::string build_event(const config::daemon_config& config,
                        const generate_event_options& options) {
    std::size_t index = choose_api(config, options);
    const config::api_config& api_config = config.apis[index];
    if (options.path.empty() || options.path.front() != '/') {
        throw event_input_error("invalid --path " + options.path + ": must start with /");
    }
    // The same route tables, API selection and event builders as the gateway.
    std::vector<apigw::api_state> apis;
    for (const auto& api : config.apis) {
        auto rules = api.is_http_api() ? apigw::routing_rules::http : apigw::routing_rules::rest;
        apis.push_back(
            {api, apigw::route_table(api.routes, rules, api.payload_format_version), {}});
    }
    http::request request = make_request(options);
    apigw::request_target target = apigw::split_target(request.target);
    apigw::api_selection selected = apigw::select_api(apis, request, target.path, index);
    if (!selected.matched()) {
        throw no_route_error("API " + api_config.logical_id + " has no route for " +
                             options.method + " " + options.path);
    }
    std::string extended_request_id = apigw::make_extended_request_id();
    // An HTTP API's requestId is its extended request id; a REST API's is a UUID.
    std::string request_id = api_config.is_http_api() ? extended_request_id : random_uuid();
    apigw::event_source source{
        request,    selected.path, target.query,        selected.match,
        api_config, request_id,    extended_request_id, std::chrono::system_clock::now()};
    return selected.match.target->payload_v2 ? apigw::build_http_event(source)
                                             : apigw::build_rest_event(source);
}

}  // namespace

int run_generate_event(const generate_event_options& options) {
    try {
        config::daemon_config config = load_event_config(options);
        std::cout << build_event(config, options) << std::endl;
        return 0;
    } catch (const config::config_error& error) {
        std::cerr << error.what() << std::endl;
        return 2;
    } catch (const event_input_error& error) {
        std::cerr << error.what() << std::endl;
        return 2;
    } catch (const no_route_error& error) {
        std::cerr << error.what() << std::endl;
        return 1;
    }
}

}  // namespace lambdad::daemon
