#include "modules/proxy_response.hpp"

#include "modules/plain_json.hpp"

namespace lambdad::modules {
namespace {

/// Returns whether `headers[index]`'s name appeared before it.
bool is_repeated_name(const std::vector<header>& headers, std::size_t index) {
    for (std::size_t i = 0; i < index; ++i) {
        if (headers[i].first == headers[index].first) {
            return true;
        }
    }
    return false;
}

/// Appends `headers` as a JSON object. A repeated name keeps the position of its first
/// occurrence and the value of its last.
void append_headers(const std::vector<header>& headers, std::string& out) {
    out += '{';
    bool first = true;
    for (std::size_t i = 0; i < headers.size(); ++i) {
        if (is_repeated_name(headers, i)) {
            continue;
        }
        std::string_view value = headers[i].second;
        for (std::size_t j = i + 1; j < headers.size(); ++j) {
            if (headers[j].first == headers[i].first) {
                value = headers[j].second;
            }
        }
        if (!first) {
            out += ',';
        }
        first = false;
        append_json_string(headers[i].first, out);
        out += ':';
        append_json_string(value, out);
    }
    out += '}';
}

}  // namespace

std::string proxy_response(int status_code, const std::vector<header>& headers,
                           std::string_view body) {
    std::string response;
    // Room for the fixed text, a few headers and a body with little to escape.
    response.reserve(256 + body.size() + body.size() / 8);
    response += R"({"statusCode":)";
    response += std::to_string(status_code);
    response += R"(,"headers":)";
    append_headers(headers, response);
    response += R"(,"body":)";
    append_json_string(body, response);
    response += '}';
    return response;
}

}  // namespace lambdad::modules
