#include "apigw/event_json.hpp"

#include "common/utf8.hpp"

#include <boost/json/serialize.hpp>
#include <boost/url/decode_view.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/pct_string_view.hpp>
#include <simdjson.h>

namespace lambdad::apigw {

boost::json::string decode_component(std::string_view raw, bool plus_as_space,
                                     boost::json::storage_ptr storage) {
    boost::json::string decoded(std::move(storage));
    if (raw.find_first_of(plus_as_space ? "%+" : "%") == std::string_view::npos) {
        decoded = to_json(raw);
        return decoded;
    }
    auto encoded = boost::urls::make_pct_string_view(raw);
    if (!encoded) {
        // NOTE: API Gateway's handling of a malformed escape such as `%zz` is not documented;
        // the raw text is passed on.
        decoded = to_json(raw);
        return decoded;
    }
    boost::urls::encoding_opts options;
    options.space_as_plus = plus_as_space;
    boost::urls::decode_view view(*encoded, options);
    decoded.reserve(view.size());
    for (char c : view) {
        decoded.push_back(c);
    }
    return decoded;
}

std::string serialize_event(const boost::json::object& event) {
    std::string text = boost::json::serialize(event);
    // NOTE: API Gateway's handling of such bytes in text is not documented. Bodies uploaded
    // without a binary media type are commonly observed to arrive with U+FFFD in their place.
    if (!simdjson::validate_utf8(text.data(), text.size())) {
        return replace_invalid_utf8(text);
    }
    return text;
}

}  // namespace lambdad::apigw
