#include "apigw/http_response.hpp"

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

simdjson::dom::parser& thread_parser() {
    // A DOM parser reuses its buffers between documents but is not thread-safe.
    thread_local simdjson::dom::parser parser;
    return parser;
}

bool is_framing_header(std::string_view name) {
    return header_name_equals(name, "Content-Length") ||
           header_name_equals(name, "Transfer-Encoding") || header_name_equals(name, "Connection");
}

std::string add_headers(const element& value, http::response& response) {
    simdjson::dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) {
        return "headers is not an object";
    }
    for (auto field : object) {
        std::string text;
        switch (field.value.type()) {
            case element_type::STRING:
                text = field.value.get_string().value_unsafe();
                break;
            case element_type::INT64:
            case element_type::UINT64:
            case element_type::DOUBLE:
            case element_type::BOOL:
                text = simdjson::minify(field.value);
                break;
            default:
                return "header \"" + std::string(field.key) +
                       "\" is not a string, number or boolean";
        }
        if (!is_framing_header(field.key)) {
            response.headers.push_back({std::string(field.key), std::move(text)});
        }
    }
    return {};
}

std::string add_cookies(const element& value, http::response& response) {
    simdjson::dom::array cookies;
    if (value.get_array().get(cookies) != simdjson::SUCCESS) {
        return "cookies is not an array";
    }
    for (element cookie : cookies) {
        std::string_view text;
        if (cookie.get_string().get(text) != simdjson::SUCCESS) {
            return "cookies has a value that is not a string";
        }
        response.headers.push_back({"Set-Cookie", std::string(text)});
    }
    return {};
}

std::string map_body(simdjson::dom::object object, http::response& response) {
    bool base64 = false;
    element flag;
    if (object["isBase64Encoded"].get(flag) == simdjson::SUCCESS &&
        flag.type() != element_type::NULL_VALUE && flag.get_bool().get(base64)) {
        return "isBase64Encoded is not a boolean";
    }
    element body;
    if (object["body"].get(body) != simdjson::SUCCESS || body.type() == element_type::NULL_VALUE) {
        return {};
    }
    std::string_view text;
    if (body.get_string().get(text) != simdjson::SUCCESS) {
        return "body is not a string";
    }
    if (!base64) {
        response.body.assign(text);
        return {};
    }
    auto decoded = decode_base64(text);
    if (!decoded) {
        return "isBase64Encoded is true but body is not valid base64";
    }
    response.body = std::move(*decoded);
    return {};
}

/// Maps an object that has `statusCode`. Keys other than the documented ones are ignored.
std::string map_response_object(simdjson::dom::object object, const element& status_code,
                                http::response& response) {
    auto status = parse_status_code(status_code);
    if (!status) {
        return "statusCode is not an integer from 100 to 599";
    }
    response.status = *status;
    element member;
    if (object["headers"].get(member) == simdjson::SUCCESS &&
        member.type() != element_type::NULL_VALUE) {
        if (auto error = add_headers(member, response); !error.empty()) {
            return error;
        }
    }
    if (object["cookies"].get(member) == simdjson::SUCCESS &&
        member.type() != element_type::NULL_VALUE) {
        if (auto error = add_cookies(member, response); !error.empty()) {
            return error;
        }
    }
    return map_body(object, response);
}

}  // namespace

mapped_response map_http_response(std::string_view result_text) {
    mapped_response result;
    result.response.status = 200;
    element root;
    if (auto error = thread_parser().parse(result_text.data(), result_text.size()).get(root)) {
        result.error =
            std::string("the function result is not valid JSON: ") + simdjson::error_message(error);
        return result;
    }
    simdjson::dom::object object;
    element status_code;
    bool is_response = root.get_object().get(object) == simdjson::SUCCESS &&
                       object["statusCode"].get(status_code) == simdjson::SUCCESS;
    if (!is_response) {
        // Valid JSON without statusCode: API Gateway assumes a 200 whose body is that JSON.
        result.response.headers.push_back({"Content-Type", "application/json"});
        result.response.body.assign(result_text);
        return result;
    }
    result.error = map_response_object(object, status_code, result.response);
    if (!result.valid()) {
        result.response = {};
        return result;
    }
    // NOTE: the developer guide does not say which Content-Type a response with statusCode
    // and without one gets; application/json is sent, as for a result without statusCode.
    if (!find_header(result.response.headers, "Content-Type")) {
        result.response.headers.push_back({"Content-Type", "application/json"});
    }
    return result;
}

}  // namespace lambdad::apigw
