#include "apigw/rest_response.hpp"

#include "apigw/body_encoding.hpp"
#include "apigw/headers.hpp"
#include "apigw/status_code.hpp"

#include <simdjson.h>

#include <charconv>
#include <optional>

namespace lambdad::apigw {
namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

/// The members of a function result, found before any is mapped so that `multiValueHeaders` can go
/// first whatever the key order.
struct result_members {
    std::optional<element> status_code;
    std::optional<element> headers;
    std::optional<element> multi_value_headers;
    std::optional<element> body;
    std::optional<element> is_base64_encoded;
};

simdjson::dom::parser& thread_parser() {
    // A DOM parser reuses its buffers between documents but is not thread-safe.
    thread_local simdjson::dom::parser parser;
    return parser;
}

bool is_null(const element& value) {
    return value.type() == element_type::NULL_VALUE;
}

std::string collect_members(simdjson::dom::object object, result_members& members) {
    for (auto field : object) {
        std::string_view key = field.key;
        if (key == "statusCode") {
            members.status_code = field.value;
        } else if (key == "headers") {
            members.headers = field.value;
        } else if (key == "multiValueHeaders") {
            members.multi_value_headers = field.value;
        } else if (key == "body") {
            members.body = field.value;
        } else if (key == "isBase64Encoded") {
            members.is_base64_encoded = field.value;
        } else {
            return "unexpected key \"" + std::string(key) + "\"";
        }
    }
    return {};
}

/// Returns the text of a header value: a string as it is, a number or boolean as its JSON text.
/// NOTE: AWS documents string header values only. Numbers and booleans are accepted as API
/// Gateway is commonly observed to do, which its documentation does not confirm.
std::optional<std::string> header_value_text(const element& value) {
    switch (value.type()) {
        case element_type::STRING:
            return std::string(value.get_string().value_unsafe());
        case element_type::INT64:
        case element_type::UINT64:
        case element_type::DOUBLE:
        case element_type::BOOL:
            return simdjson::minify(value);
        default:
            return std::nullopt;
    }
}

/// Tells whether the server sets header `name` itself from the body it sends, so that a
/// function's value must be dropped.
bool is_framing_header(std::string_view name) {
    return header_name_equals(name, "Content-Length") ||
           header_name_equals(name, "Transfer-Encoding") || header_name_equals(name, "Connection");
}

void add_header_value(std::vector<http::header>& headers, std::string_view name,
                      std::string&& value) {
    if (is_framing_header(name)) {
        return;
    }
    // Folding Set-Cookie values into one line would break them (RFC 6265 section 3).
    if (!header_name_equals(name, "Set-Cookie")) {
        for (auto& header : headers) {
            if (header_name_equals(header.name, name)) {
                header.value.append(", ").append(value);
                return;
            }
        }
    }
    headers.push_back({std::string(name), std::move(value)});
}

std::string add_multi_value_headers(const element& value, std::vector<http::header>& headers) {
    simdjson::dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) {
        return "multiValueHeaders is not an object";
    }
    for (auto field : object) {
        simdjson::dom::array values;
        if (field.value.get_array().get(values) != simdjson::SUCCESS) {
            return "multiValueHeaders \"" + std::string(field.key) + "\" is not an array";
        }
        for (element item : values) {
            auto text = header_value_text(item);
            if (!text) {
                return "multiValueHeaders \"" + std::string(field.key) +
                       "\" has a value that is not a string, number or boolean";
            }
            add_header_value(headers, field.key, std::move(*text));
        }
    }
    return {};
}

// AWS's developer guide, "Set up Lambda proxy integrations in API Gateway" (output format): when
// the same name and value appear in both headers and multiValueHeaders, only the
// multiValueHeaders values appear in the merged list.
bool multi_value_headers_contain(const std::vector<http::header>& headers, std::string_view name,
                                 std::string_view value) {
    for (const auto& header : headers) {
        if (!header_name_equals(header.name, name)) {
            continue;
        }
        std::string_view rest = header.value;
        while (true) {
            auto comma = rest.find(", ");
            if (rest.substr(0, comma) == value) {
                return true;
            }
            if (comma == std::string_view::npos) {
                break;
            }
            rest.remove_prefix(comma + 2);
        }
    }
    return false;
}

std::string add_single_value_headers(const element& value, std::vector<http::header>& headers) {
    simdjson::dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) {
        return "headers is not an object";
    }
    for (auto field : object) {
        auto text = header_value_text(field.value);
        if (!text) {
            return "header \"" + std::string(field.key) + "\" is not a string, number or boolean";
        }
        if (multi_value_headers_contain(headers, field.key, *text)) {
            continue;
        }
        add_header_value(headers, field.key, std::move(*text));
    }
    return {};
}

std::string map_body(const result_members& members, bool decode_base64_body,
                     http::response& response) {
    bool base64 = false;
    if (members.is_base64_encoded && !is_null(*members.is_base64_encoded)) {
        if (members.is_base64_encoded->get_bool().get(base64) != simdjson::SUCCESS) {
            return "isBase64Encoded is not a boolean";
        }
    }
    if (!members.body || is_null(*members.body)) {
        return {};
    }
    std::string_view body;
    if (members.body->get_string().get(body) != simdjson::SUCCESS) {
        return "body is not a string";
    }
    if (!base64 || !decode_base64_body) {
        response.body.assign(body);
        return {};
    }
    auto decoded = decode_base64(body);
    if (!decoded) {
        return "isBase64Encoded is true but body is not valid base64";
    }
    response.body = std::move(*decoded);
    return {};
}

std::string map_members(const result_members& members, bool decode_base64_body,
                        http::response& response) {
    if (members.status_code) {
        auto status = parse_status_code(*members.status_code);
        if (!status) {
            return "statusCode is not an integer from 100 to 599";
        }
        response.status = *status;
    }
    std::string error;
    if (members.multi_value_headers && !is_null(*members.multi_value_headers)) {
        error = add_multi_value_headers(*members.multi_value_headers, response.headers);
    }
    if (error.empty() && members.headers && !is_null(*members.headers)) {
        error = add_single_value_headers(*members.headers, response.headers);
    }
    if (error.empty()) {
        error = map_body(members, decode_base64_body, response);
    }
    return error;
}

}  // namespace

mapped_response map_rest_response(std::string_view result_text, bool decode_base64_body) {
    mapped_response result;
    result.response.status = 200;
    simdjson::dom::element root;
    if (auto error = thread_parser().parse(result_text.data(), result_text.size()).get(root)) {
        result.error =
            std::string("the function result is not valid JSON: ") + simdjson::error_message(error);
        return result;
    }
    simdjson::dom::object object;
    if (root.get_object().get(object) != simdjson::SUCCESS) {
        result.error = "the function result is not a JSON object";
        return result;
    }
    result_members members;
    result.error = collect_members(object, members);
    if (result.error.empty()) {
        result.error = map_members(members, decode_base64_body, result.response);
    }
    if (!result.valid()) {
        result.response = {};
        return result;
    }
    if (!find_header(result.response.headers, "Content-Type")) {
        result.response.headers.push_back({"Content-Type", "application/json"});
    }
    return result;
}

}  // namespace lambdad::apigw
