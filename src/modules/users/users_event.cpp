#include "modules/users/users_event.hpp"

#include <simdjson.h>

#include <stdexcept>
#include <string>

namespace lambdad::modules {
namespace {

namespace ondemand = simdjson::ondemand;

std::optional<std::string> optional_string(ondemand::value value) {
    if (value.is_null()) {
        return std::nullopt;
    }
    return std::string(value.get_string().value());
}

std::optional<std::string> find_userid(ondemand::value path_parameters) {
    if (path_parameters.is_null()) {
        return std::nullopt;
    }
    for (auto field : path_parameters.get_object()) {
        if (field.unescaped_key().value() == "userid") {
            return optional_string(field.value());
        }
    }
    return std::nullopt;
}

// Events up to this size are parsed with a parser and a padded copy that each thread keeps, which
// saves their allocations on every event. Larger events get buffers of their own, so that a thread
// does not keep the memory of its largest event.
constexpr std::size_t reused_buffer_limit = 64 * 1024;

/// Copies `event` into a buffer of this thread with the padding that simdjson reads past the
/// end of its input. The view stays valid until the thread's next call.
simdjson::padded_string_view padded_copy(std::string_view event) {
    thread_local std::string buffer;
    buffer.reserve(event.size() + simdjson::SIMDJSON_PADDING);
    buffer.assign(event);
    return simdjson::padded_string_view(buffer.data(), buffer.size(), buffer.capacity());
}

// One pass over the top-level fields, in any order. Values that are not read are skipped.
users_event parse_fields(ondemand::parser& parser, simdjson::padded_string_view event) {
    users_event result;
    try {
        ondemand::document document = parser.iterate(event);
        for (auto field : document.get_object()) {
            std::string_view key = field.unescaped_key().value();
            if (key == "httpMethod") {
                result.http_method = std::string(field.value().get_string().value());
            } else if (key == "resource") {
                result.resource = std::string(field.value().get_string().value());
            } else if (key == "pathParameters") {
                result.userid = find_userid(field.value());
            } else if (key == "body") {
                result.body = optional_string(field.value());
            }
        }
    } catch (const simdjson::simdjson_error& error) {
        throw std::invalid_argument(std::string("Invalid event: ") + error.what());
    }
    return result;
}

}  // namespace

users_event parse_users_event(std::string_view event) {
    if (event.size() > reused_buffer_limit) {
        ondemand::parser parser;
        simdjson::padded_string padded(event);
        return parse_fields(parser, padded);
    }
    // An On Demand parser reuses its buffers between documents but is not thread-safe.
    thread_local ondemand::parser parser;
    return parse_fields(parser, padded_copy(event));
}

}  // namespace lambdad::modules
