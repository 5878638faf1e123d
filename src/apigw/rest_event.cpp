#include "apigw/rest_event.hpp"

#include "apigw/body_encoding.hpp"
#include "apigw/event_json.hpp"
#include "apigw/headers.hpp"
#include "common/aws_account.hpp"

#include <cstdio>
#include <ctime>
#include <optional>
#include <utility>
#include <vector>

namespace lambdad::apigw {
namespace {

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

/// Writes `headers` and `multiValueHeaders`, both null when no header is left.
void write_headers(json_writer& json, const std::vector<http::header>& headers) {
    std::vector<named_text> event_headers;
    event_headers.reserve(headers.size());
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (!is_dropped_header(headers[i].name)) {
            event_headers.push_back({event_header_name(headers, i), headers[i].value});
        }
    }
    if (event_headers.empty()) {
        json.key("headers").null();
        json.key("multiValueHeaders").null();
        return;
    }
    json.key("headers");
    write_last_values(json, event_headers);
    json.key("multiValueHeaders");
    write_all_values(json, event_headers);
}

/// The decoded keys and values of a query string, in order. A repeated key appears once per
/// occurrence.
std::vector<std::pair<boost::json::string, boost::json::string>> decode_query(
    std::string_view query) {
    std::vector<std::pair<boost::json::string, boost::json::string>> pairs;
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
        pairs.emplace_back(decode_component(pair.substr(0, equals), true, {}),
                           decode_component(raw_value, true, {}));
    }
    return pairs;
}

/// Writes `queryStringParameters` and `multiValueQueryStringParameters`, both null when the
/// query string has no parameter.
void write_query(json_writer& json, std::string_view query) {
    auto pairs = decode_query(query);
    if (pairs.empty()) {
        json.key("queryStringParameters").null();
        json.key("multiValueQueryStringParameters").null();
        return;
    }
    std::vector<named_text> members;
    members.reserve(pairs.size());
    for (const auto& [key, value] : pairs) {
        members.push_back({{key.data(), key.size()}, {value.data(), value.size()}});
    }
    json.key("queryStringParameters");
    write_last_values(json, members);
    json.key("multiValueQueryStringParameters");
    write_all_values(json, members);
}

void write_path_parameters(json_writer& json, const route_match& match) {
    json.key("pathParameters");
    if (match.parameters.empty()) {
        json.null();
        return;
    }
    std::vector<named_text> members;
    members.reserve(match.parameters.size());
    for (const auto& parameter : match.parameters) {
        members.push_back({parameter.name, parameter.value});
    }
    write_last_values(json, members);
}

void write_stage_variables(json_writer& json, const config::api_config& api) {
    json.key("stageVariables");
    if (api.stage_variables.empty()) {
        json.null();
        return;
    }
    json.begin_object();
    for (const auto& [name, value] : api.stage_variables) {
        json.escaped_key(name).string(value);
    }
    json.end_object();
}

void write_optional_text(json_writer& json, std::optional<std::string_view> text) {
    if (text) {
        json.string(*text);
    } else {
        json.null();
    }
}

void write_identity(json_writer& json, const event_source& source) {
    json.begin_object();
    static constexpr fixed_key null_names[] = {"accessKey",
                                               "accountId",
                                               "apiKey",
                                               "apiKeyId",
                                               "caller",
                                               "cognitoAuthenticationProvider",
                                               "cognitoAuthenticationType",
                                               "cognitoIdentityId",
                                               "cognitoIdentityPoolId",
                                               "principalOrgId"};
    for (fixed_key name : null_names) {
        json.key(name).null();
    }
    json.key("sourceIp").string(source.request.remote_address);
    json.key("user").null();
    json.key("userAgent");
    write_optional_text(json, find_header(source.request.headers, "User-Agent"));
    json.key("userArn").null();
    json.key("clientCert").null();
    json.end_object();
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

/// Returns format_request_time(time), formatting only when the second differs from this
/// thread's previous call. The reference stays valid until the thread's next call.
const std::string& cached_request_time(std::chrono::system_clock::time_point time) {
    thread_local std::time_t cached_seconds = 0;
    thread_local std::string cached_text;
    std::time_t seconds = std::chrono::system_clock::to_time_t(time);
    if (cached_text.empty() || seconds != cached_seconds) {
        cached_text = format_request_time(time);
        cached_seconds = seconds;
    }
    return cached_text;
}

/// Returns the request path with the stage in front, as `requestContext.path` shows it.
std::string stage_path(const event_source& source) {
    std::string path;
    // The $default stage of an HTTP API has no path prefix.
    if (source.api.stage != "$default") {
        path.reserve(source.api.stage.size() + source.path.size() + 1);
        path.append("/").append(source.api.stage);
    }
    path.append(source.path);
    return path;
}

void write_request_context(json_writer& json, const event_source& source) {
    std::string_view domain = find_header(source.request.headers, "Host").value_or("localhost");
    std::string_view prefix = domain.substr(0, domain.find_first_of(".:"));
    const route& target = *source.match.target;
    auto epoch_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        source.request_time.time_since_epoch());

    json.begin_object();
    json.key("accountId").string(account_id);
    json.key("apiId").string(source.api.api_id);
    json.key("domainName").string(domain);
    json.key("domainPrefix").string(prefix);
    json.key("extendedRequestId").string(source.extended_request_id);
    json.key("httpMethod").string(source.request.method);
    json.key("identity");
    write_identity(json, source);
    json.key("path").string(stage_path(source));
    json.key("protocol").string(protocol_name(source.request.version));
    json.key("requestId").string(source.request_id);
    json.key("requestTime").string(cached_request_time(source.request_time));
    json.key("requestTimeEpoch").integer(epoch_ms.count());
    json.key("resourceId").string(target.resource_id);
    json.key("resourcePath").string(target.resource);
    json.key("stage").string(source.api.stage);
    json.end_object();
}

void write_body(json_writer& json, const event_source& source) {
    bool binary = is_binary_request(source.request, source.api);
    json.key("body");
    if (source.request.body.empty()) {
        json.null();
    } else if (binary) {
        json.string(encode_base64(source.request.body));
    } else {
        json.string(source.request.body);
    }
    json.key("isBase64Encoded").boolean(binary);
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
    std::string text;
    // A GET event with a few headers is about 1.1 KB. The body may grow by a third as base64.
    text.reserve(2048 + source.request.body.size() * 4 / 3);
    json_writer json(text);
    json.begin_object();
    // "Create AWS Lambda proxy integrations for HTTP APIs in API Gateway": an HTTP API's 1.0
    // event starts with its version, which REST API events do not have.
    if (source.api.is_http_api()) {
        json.key("version").string("1.0");
    }
    json.key("resource").string(source.match.target->resource);
    json.key("path").string(source.path);
    json.key("httpMethod").string(source.request.method);
    write_headers(json, source.request.headers);
    write_query(json, source.query);
    write_path_parameters(json, source.match);
    write_stage_variables(json, source.api);
    json.key("requestContext");
    write_request_context(json, source);
    write_body(json, source);
    json.end_object();
    return with_valid_utf8(std::move(text));
}

}  // namespace lambdad::apigw
