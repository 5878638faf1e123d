#include "http/wire.hpp"

#include <boost/beast/http/status.hpp>

#include <ctime>
#include <strings.h>

namespace lambdad::http {

namespace beast_http = boost::beast::http;

namespace {

/// Returns the current time in the IMF-fixdate form that RFC 9110 section 5.6.7 requires for Date.
/// Formats the text once per second per thread and reuses it within that second.
const std::string& http_date_now() {
    thread_local std::time_t formatted_second = -1;
    thread_local std::string text;
    const std::time_t now = std::time(nullptr);
    if (now != formatted_second) {
        std::tm utc{};
        gmtime_r(&now, &utc);
        char buffer[32];
        const std::size_t size =
            std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S GMT", &utc);
        text.assign(buffer, size);
        formatted_second = now;
    }
    return text;
}

bool is_named(const std::string& name, const char* expected) {
    return strcasecmp(name.c_str(), expected) == 0;
}

/// Returns whether the status forbids a body and Content-Length (1xx, 204, 304).
bool is_bodiless_status(unsigned status) {
    return status < 200 || status == 204 || status == 304;
}

}  // namespace

request to_request(wire_request&& wire, const std::string& remote_address,
                   std::uint64_t connection_id) {
    request result;
    result.method = std::string(wire.method_string());
    result.target = std::string(wire.target());
    result.version = wire.version();
    for (const auto& field : wire) {
        result.headers.push_back(
            header{std::string(field.name_string()), std::string(field.value())});
    }
    result.body = std::move(wire.body());
    result.remote_address = remote_address;
    result.connection_id = connection_id;
    return result;
}

request header_of(const wire_request& wire, const std::string& remote_address,
                  std::uint64_t connection_id) {
    wire_request header_copy;
    header_copy.base() = wire.base();
    return to_request(std::move(header_copy), remote_address, connection_id);
}

wire_response to_wire(response&& message, unsigned version, bool keep_alive, bool head) {
    wire_response wire;
    wire.version(version);
    wire.result(message.status);
    bool has_date = false;
    for (auto& field : message.headers) {
        if (is_named(field.name, "Content-Length") || is_named(field.name, "Connection") ||
            is_named(field.name, "Transfer-Encoding")) {
            continue;
        }
        has_date = has_date || is_named(field.name, "Date");
        wire.insert(field.name, field.value);
    }
    if (!has_date) {
        wire.set(beast_http::field::date, http_date_now());
    }
    wire.set(beast_http::field::connection, keep_alive ? "keep-alive" : "close");
    if (is_bodiless_status(message.status)) {
        return wire;
    }
    wire.content_length(message.body.size());
    if (!head) {
        wire.body() = std::move(message.body);
    }
    return wire;
}

response plain_response(unsigned status, const std::string& text) {
    response result;
    result.status = status;
    result.headers.push_back(header{"Content-Type", "text/plain; charset=utf-8"});
    result.body = text + "\n";
    return result;
}

}  // namespace lambdad::http
