#include "modules/users/users_event.hpp"

#include <simdjson.h>

#include <stdexcept>

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

}  // namespace

// One pass over the top-level fields, in any order. Values that are not read are skipped.
users_event parse_users_event(std::string_view event) {
    simdjson::padded_string padded(event);
    ondemand::parser parser;
    users_event result;
    try {
        ondemand::document document = parser.iterate(padded);
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

}  // namespace lambdad::modules
