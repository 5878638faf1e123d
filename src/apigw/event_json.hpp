#pragma once

#include "common/utf8.hpp"

#include <boost/json/storage_ptr.hpp>
#include <boost/json/string.hpp>
#include <boost/json/string_view.hpp>

#include <string>
#include <string_view>

// Pieces shared by the builders of payload format 1.0 and 2.0 events.

namespace lambdad::apigw {

inline boost::json::string_view to_json(std::string_view text) {
    return {text.data(), text.size()};
}

/// Percent-decodes one query string key or value; with `plus_as_space`, `+` is a space. A
/// component with an invalid escape is kept as sent.
boost::json::string decode_component(std::string_view raw, bool plus_as_space,
                                     boost::json::storage_ptr storage);

/// Serializes an event. Bytes that are not valid UTF-8 (in a text body, a header or a query
/// parameter) become U+FFFD, so that the function always receives valid JSON.
std::string serialize_event(const boost::json::object& event);

using lambdad::replace_invalid_utf8;

}  // namespace lambdad::apigw
