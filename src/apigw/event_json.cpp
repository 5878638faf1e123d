#include "apigw/event_json.hpp"

#include "common/utf8.hpp"

#include <boost/json/serialize.hpp>
#include <boost/url/decode_view.hpp>
#include <boost/url/encoding_opts.hpp>
#include <boost/url/pct_string_view.hpp>
#include <simdjson.h>

#include <charconv>
#include <iterator>

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
    return with_valid_utf8(boost::json::serialize(event));
}

std::string with_valid_utf8(std::string text) {
    // NOTE: API Gateway's handling of such bytes in text is not documented. Bodies uploaded
    // without a binary media type are commonly observed to arrive with U+FFFD in their place.
    if (!simdjson::validate_utf8(text.data(), text.size())) {
        return replace_invalid_utf8(text);
    }
    return text;
}

json_writer& json_writer::open(char bracket) {
    separate();
    out_ += bracket;
    first_ = true;
    return *this;
}

json_writer& json_writer::close(char bracket) {
    out_ += bracket;
    first_ = false;
    return *this;
}

json_writer& json_writer::key(fixed_key name) {
    separate();
    out_ += '"';
    out_.append(name.text());
    out_ += "\":";
    after_key_ = true;
    return *this;
}

json_writer& json_writer::escaped_key(std::string_view name) {
    separate();
    append_escaped(name);
    out_ += ':';
    after_key_ = true;
    return *this;
}

json_writer& json_writer::string(std::string_view text) {
    separate();
    append_escaped(text);
    return *this;
}

json_writer& json_writer::null() {
    separate();
    out_ += "null";
    return *this;
}

json_writer& json_writer::boolean(bool value) {
    separate();
    out_ += value ? "true" : "false";
    return *this;
}

json_writer& json_writer::integer(std::int64_t value) {
    separate();
    char digits[24];
    auto result = std::to_chars(std::begin(digits), std::end(digits), value);
    out_.append(digits, result.ptr);
    return *this;
}

void json_writer::append_escaped(std::string_view text) {
    serializer_.reset(to_json(text));
    char buffer[512];
    while (!serializer_.done()) {
        auto part = serializer_.read(buffer, sizeof buffer);
        out_.append(part.data(), part.size());
    }
}

namespace {

/// Returns whether `members[index]`'s name appeared before it.
bool is_repeated_name(const std::vector<named_text>& members, std::size_t index) {
    for (std::size_t i = 0; i < index; ++i) {
        if (members[i].name == members[index].name) {
            return true;
        }
    }
    return false;
}

}  // namespace

void write_last_values(json_writer& json, const std::vector<named_text>& members) {
    json.begin_object();
    for (std::size_t i = 0; i < members.size(); ++i) {
        if (is_repeated_name(members, i)) {
            continue;
        }
        std::string_view last = members[i].value;
        for (std::size_t j = i + 1; j < members.size(); ++j) {
            if (members[j].name == members[i].name) {
                last = members[j].value;
            }
        }
        json.escaped_key(members[i].name).string(last);
    }
    json.end_object();
}

void write_all_values(json_writer& json, const std::vector<named_text>& members) {
    json.begin_object();
    for (std::size_t i = 0; i < members.size(); ++i) {
        if (is_repeated_name(members, i)) {
            continue;
        }
        json.escaped_key(members[i].name).begin_array();
        for (std::size_t j = i; j < members.size(); ++j) {
            if (members[j].name == members[i].name) {
                json.string(members[j].value);
            }
        }
        json.end_array();
    }
    json.end_object();
}

}  // namespace lambdad::apigw
