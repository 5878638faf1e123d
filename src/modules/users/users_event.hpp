#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lambdad::modules {

/// The fields of an API Gateway proxy event (payload format 1.0) that the Users service reads.
struct users_event {
    std::string http_method;
    /// The resource path template, for example `/users/{userid}`.
    std::string resource;
    /// The `userid` path parameter, when present.
    std::optional<std::string> userid;
    /// The request body, absent when the event's body is null or missing.
    std::optional<std::string> body;
};

/// Reads the Users service's fields from the event's JSON text. Throws std::invalid_argument
/// when the event is not a JSON object.
users_event parse_users_event(std::string_view event);

}  // namespace lambdad::modules
