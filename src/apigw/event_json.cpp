#include "apigw/event_json.hpp"

#include <boost/json/serialize.hpp>
#include <boost/url/decode_view.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/pct_string_view.hpp>
#include <simdjson.h>

namespace lambdad::apigw {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

/// Returns the length of the UTF-8 sequence that `lead` starts, or 0 when no valid sequence
/// starts with it.
std::size_t expected_sequence_length(unsigned char lead) {
    if (lead < 0x80) {
        return 1;
    }
    if (lead < 0xC2) {
        return 0;
    }
    if (lead < 0xE0) {
        return 2;
    }
    if (lead < 0xF0) {
        return 3;
    }
    return lead < 0xF5 ? 4 : 0;
}

/// Returns the length of the valid UTF-8 sequence at the start of `text`, or 0 when there is
/// none: no overlong forms, no surrogates, nothing above U+10FFFF (RFC 3629 section 4).
std::size_t valid_sequence_length(std::string_view text) {
    auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(0);
    std::size_t length = expected_sequence_length(lead);
    if (length == 0 || length > text.size()) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) {
            return 0;
        }
    }
    // The second byte's range excludes overlong forms, surrogates and values over U+10FFFF.
    bool in_range = !((lead == 0xE0 && byte(1) < 0xA0) || (lead == 0xED && byte(1) > 0x9F) ||
                      (lead == 0xF0 && byte(1) < 0x90) || (lead == 0xF4 && byte(1) > 0x8F));
    return in_range ? length : 0;
}

}  // namespace

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

std::string replace_invalid_utf8(std::string_view text) {
    std::string repaired;
    repaired.reserve(text.size() + 16);
    while (!text.empty()) {
        std::size_t length = valid_sequence_length(text);
        if (length == 0) {
            repaired.append(replacement_character);
            text.remove_prefix(1);
        } else {
            repaired.append(text.substr(0, length));
            text.remove_prefix(length);
        }
    }
    return repaired;
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
