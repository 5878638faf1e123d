#include "apigw/rest_event.hpp"

#include "apigw/body_encoding.hpp"
#include "apigw/event_json.hpp"
#include "apigw/headers.hpp"
#include "common/aws_account.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value.hpp>

#include <cstdio>
#include <ctime>

namespace lambdad::apigw {
namespace {

namespace json = boost::json;

/// API Gateway drops these request headers from the event because they describe the
/// connection to the gateway, not the request.
bool is_dropped_header(std::string_view name) {
    return header_name_equals(name, "Content-Length") || header_name_equals(name, "Connection");
}

/// Returns the spelling under which a header appears in the event: the first spelling the
/// client used for that name.
std::string_view event_header_name(const std::vector<http::header>& headers, std::size_t index) {
    for (std::size_t i = 0; i < index; ++i) {
        if (header_name_equals(headers[i].name, headers[index].name)) {
            return headers[i].name;
        }
    }
    return headers[index].name;
}

void add_headers(json::object& event, const std::vector<http::header>& headers) {
    json::object single(event.storage());
    json::object multiple(event.storage());
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (is_dropped_header(headers[i].name)) {
            continue;
        }
        json::string_view name = to_json(event_header_name(headers, i));
        json::string_view value = to_json(headers[i].value);
        single[name] = value;
        auto& values = multiple[name];
        if (!values.is_array()) {
            values.emplace_array();
        }
        values.get_array().emplace_back(value);
    }
    if (single.empty()) {
        event["headers"] = nullptr;
        event["multiValueHeaders"] = nullptr;
        return;
    }
    event["headers"] = std::move(single);
    event["multiValueHeaders"] = std::move(multiple);
}

void add_query(json::object& event, std::string_view query) {
    json::object single(event.storage());
    json::object multiple(event.storage());
    while (!query.empty()) {
        std::size_t ampersand = query.find('&');
        std::string_view pair = query.substr(0, ampersand);
        query =
            ampersand == std::string_view::npos ? std::string_view() : query.substr(ampersand + 1);
        if (pair.empty()) {
            continue;
        }
        std::size_t equals = pair.find('=');
        std::string_view raw_value =
            equals == std::string_view::npos ? std::string_view() : pair.substr(equals + 1);
        json::string key = decode_component(pair.substr(0, equals), true, event.storage());
        json::string value = decode_component(raw_value, true, event.storage());
        auto& values = multiple[key];
        if (!values.is_array()) {
            values.emplace_array();
        }
        values.get_array().emplace_back(value);
        single[key] = std::move(value);
    }
    if (single.empty()) {
        event["queryStringParameters"] = nullptr;
        event["multiValueQueryStringParameters"] = nullptr;
        return;
    }
    event["queryStringParameters"] = std::move(single);
    event["multiValueQueryStringParameters"] = std::move(multiple);
}

json::value path_parameters(const route_match& match, json::storage_ptr storage) {
    if (match.parameters.empty()) {
        return json::value(nullptr, std::move(storage));
    }
    json::object parameters(std::move(storage));
    for (const auto& parameter : match.parameters) {
        parameters[to_json(parameter.name)] = to_json(parameter.value);
    }
    return parameters;
}

json::value stage_variables(const config::api_config& api, json::storage_ptr storage) {
    if (api.stage_variables.empty()) {
        return json::value(nullptr, std::move(storage));
    }
    json::object variables(std::move(storage));
    for (const auto& [name, value] : api.stage_variables) {
        variables[name] = value;
    }
    return variables;
}

json::value optional_text(std::optional<std::string_view> text, json::storage_ptr storage) {
    if (!text) {
        return json::value(nullptr, std::move(storage));
    }
    return json::value(to_json(*text), std::move(storage));
}

json::object identity(const event_source& source, json::storage_ptr storage) {
    json::object identity(std::move(storage));
    for (const char* name : {"accessKey", "accountId", "apiKey", "apiKeyId", "caller",
                             "cognitoAuthenticationProvider", "cognitoAuthenticationType",
                             "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId"}) {
        identity[name] = nullptr;
    }
    identity["sourceIp"] = to_json(source.request.remote_address);
    identity["user"] = nullptr;
    identity["userAgent"] =
        optional_text(find_header(source.request.headers, "User-Agent"), identity.storage());
    identity["userArn"] = nullptr;
    identity["clientCert"] = nullptr;
    return identity;
}

std::string_view protocol_name(unsigned version) {
    switch (version) {
        case 10:
            return "HTTP/1.0";
        case 20:
            return "HTTP/2.0";
        default:
            return "HTTP/1.1";
    }
}

json::object request_context(const event_source& source, json::storage_ptr storage) {
    std::string_view domain = find_header(source.request.headers, "Host").value_or("localhost");
    std::string_view prefix = domain.substr(0, domain.find_first_of(".:"));
    const route& target = *source.match.target;
    auto epoch_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        source.request_time.time_since_epoch());

    json::object context(std::move(storage));
    context.reserve(18);
    context["accountId"] = to_json(account_id);
    context["apiId"] = source.api.api_id;
    context["domainName"] = to_json(domain);
    context["domainPrefix"] = to_json(prefix);
    context["extendedRequestId"] = to_json(source.extended_request_id);
    context["httpMethod"] = source.request.method;
    context["identity"] = identity(source, context.storage());
    json::string stage_path(context.storage());
    // The $default stage of an HTTP API has no path prefix.
    if (source.api.stage != "$default") {
        stage_path.reserve(source.api.stage.size() + source.path.size() + 1);
        stage_path.append("/").append(source.api.stage);
    }
    stage_path.append(to_json(source.path));
    context["path"] = std::move(stage_path);
    context["protocol"] = to_json(protocol_name(source.request.version));
    context["requestId"] = to_json(source.request_id);
    context["requestTime"] = format_request_time(source.request_time);
    context["requestTimeEpoch"] = epoch_ms.count();
    context["resourceId"] = target.resource_id;
    context["resourcePath"] = target.resource;
    context["stage"] = source.api.stage;
    return context;
}

}  // namespace

std::string format_request_time(std::chrono::system_clock::time_point time) {
    static constexpr const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[48];
    int length =
        std::snprintf(text, sizeof text, "%02d/%s/%04d:%02d:%02d:%02d +0000", utc.tm_mday,
                      months[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return std::string(text, static_cast<std::size_t>(length));
}

std::string build_rest_event(const event_source& source) {
    // Most events fit in this buffer, so building one allocates only for the output text.
    unsigned char buffer[8192];
    json::monotonic_resource resource(buffer, sizeof buffer);
    json::object event(&resource);
    event.reserve(12);

    // "Create AWS Lambda proxy integrations for HTTP APIs in API Gateway": an HTTP API's 1.0
    // event starts with its version, which REST API events do not have.
    if (source.api.is_http_api()) {
        event["version"] = "1.0";
    }
    event["resource"] = source.match.target->resource;
    event["path"] = to_json(source.path);
    event["httpMethod"] = source.request.method;
    add_headers(event, source.request.headers);
    add_query(event, source.query);
    event["pathParameters"] = path_parameters(source.match, event.storage());
    event["stageVariables"] = stage_variables(source.api, event.storage());
    event["requestContext"] = request_context(source, event.storage());
    bool binary = is_binary_request(source.request, source.api);
    if (source.request.body.empty()) {
        event["body"] = nullptr;
    } else if (binary) {
        event["body"] = encode_base64(source.request.body);
    } else {
        event["body"] = source.request.body;
    }
    event["isBase64Encoded"] = binary;
    return serialize_event(event);
}

}  // namespace lambdad::apigw
