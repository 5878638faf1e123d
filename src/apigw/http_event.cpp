#include "apigw/http_event.hpp"

#include "apigw/body_encoding.hpp"
#include "apigw/event_json.hpp"
#include "apigw/headers.hpp"
#include "common/aws_account.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/value.hpp>

namespace lambdad::apigw {
namespace {

namespace json = boost::json;

json::string lower_case(std::string_view name, json::storage_ptr storage) {
    json::string lowered(to_json(name), std::move(storage));
    for (char& c : lowered) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c + 32);
        }
    }
    return lowered;
}

/// Appends the cookies of one Cookie header: its `;`-separated pairs, trimmed of spaces.
void add_cookies(json::array& cookies, std::string_view header) {
    while (!header.empty()) {
        std::size_t semicolon = header.find(';');
        std::string_view cookie = header.substr(0, semicolon);
        header =
            semicolon == std::string_view::npos ? std::string_view() : header.substr(semicolon + 1);
        while (!cookie.empty() && cookie.front() == ' ') {
            cookie.remove_prefix(1);
        }
        while (!cookie.empty() && cookie.back() == ' ') {
            cookie.remove_suffix(1);
        }
        if (!cookie.empty()) {
            cookies.emplace_back(to_json(cookie));
        }
    }
}

// Format 2.0 lower-cases header names and joins repeated headers with commas; the cookies of
// every Cookie header go to `cookies` instead.
void add_headers(json::object& event, const std::vector<http::header>& headers) {
    json::object merged(event.storage());
    json::array cookies(event.storage());
    for (const auto& header : headers) {
        if (header_name_equals(header.name, "Cookie")) {
            add_cookies(cookies, header.value);
            continue;
        }
        // The connection to the gateway is not the client's request.
        if (header_name_equals(header.name, "Connection")) {
            continue;
        }
        json::string name = lower_case(header.name, event.storage());
        auto found = merged.find(name);
        if (found == merged.end()) {
            merged.emplace(name, to_json(header.value));
        } else {
            json::string& value = found->value().get_string();
            value.push_back(',');
            value.append(to_json(header.value));
        }
    }
    if (!cookies.empty()) {
        event["cookies"] = std::move(cookies);
    }
    event["headers"] = std::move(merged);
}

void add_query(json::object& event, std::string_view query) {
    json::object parameters(event.storage());
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
        auto found = parameters.find(key);
        if (found == parameters.end()) {
            parameters.emplace(key, std::move(value));
        } else {
            json::string& joined = found->value().get_string();
            joined.push_back(',');
            joined.append(value);
        }
    }
    if (!parameters.empty()) {
        event["queryStringParameters"] = std::move(parameters);
    }
}

json::object http_context(const event_source& source, json::string_view raw_path,
                          json::storage_ptr storage) {
    json::object http(std::move(storage));
    http["method"] = source.request.method;
    http["path"] = raw_path;
    http["protocol"] = source.request.version == 10 ? "HTTP/1.0" : "HTTP/1.1";
    http["sourceIp"] = source.request.remote_address;
    http["userAgent"] = to_json(find_header(source.request.headers, "User-Agent").value_or(""));
    return http;
}

json::object request_context(const event_source& source, json::string_view raw_path,
                             json::storage_ptr storage) {
    std::string_view domain = find_header(source.request.headers, "Host").value_or("localhost");
    auto epoch_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
        source.request_time.time_since_epoch());
    json::object context(std::move(storage));
    context.reserve(10);
    context["accountId"] = to_json(account_id);
    context["apiId"] = source.api.api_id;
    context["domainName"] = to_json(domain);
    context["domainPrefix"] = to_json(domain.substr(0, domain.find_first_of(".:")));
    context["http"] = http_context(source, raw_path, context.storage());
    context["requestId"] = to_json(source.request_id);
    context["routeKey"] = source.match.target->route_key;
    context["stage"] = source.api.stage;
    context["time"] = format_request_time(source.request_time);
    context["timeEpoch"] = epoch_ms.count();
    return context;
}

// "Create routes for HTTP APIs in API Gateway": API Gateway decodes URL-encoded request
// parameters, path parameters included, before it passes them on.
void add_path_parameters(json::object& event, const route_match& match) {
    if (match.parameters.empty()) {
        return;
    }
    json::object parameters(event.storage());
    for (const auto& parameter : match.parameters) {
        parameters[to_json(parameter.name)] =
            decode_component(parameter.value, false, event.storage());
    }
    event["pathParameters"] = std::move(parameters);
}

void add_stage_variables(json::object& event, const config::api_config& api) {
    if (api.stage_variables.empty()) {
        return;
    }
    json::object variables(event.storage());
    for (const auto& [name, value] : api.stage_variables) {
        variables[name] = value;
    }
    event["stageVariables"] = std::move(variables);
}

}  // namespace

std::string build_http_event(const event_source& source) {
    unsigned char buffer[8192];
    json::monotonic_resource resource(buffer, sizeof buffer);
    json::object event(&resource);
    event.reserve(12);

    // A named stage is part of the URL, so rawPath starts with it; $default adds nothing.
    json::string raw_path(event.storage());
    if (source.api.stage != "$default") {
        raw_path.append("/").append(source.api.stage);
    }
    raw_path.append(to_json(source.path));

    event["version"] = "2.0";
    event["routeKey"] = source.match.target->route_key;
    event["rawPath"] = raw_path;
    event["rawQueryString"] = to_json(source.query);
    add_headers(event, source.request.headers);
    add_query(event, source.query);
    event["requestContext"] = request_context(source, raw_path, event.storage());
    bool binary = is_binary_request(source.request, source.api);
    if (!source.request.body.empty()) {
        event["body"] = binary ? json::string(encode_base64(source.request.body), event.storage())
                               : json::string(source.request.body, event.storage());
    }
    add_path_parameters(event, source.match);
    event["isBase64Encoded"] = binary;
    add_stage_variables(event, source.api);
    return serialize_event(event);
}

}  // namespace lambdad::apigw
