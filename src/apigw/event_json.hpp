#pragma once

#include "common/utf8.hpp"

#include <boost/json/serializer.hpp>
#include <boost/json/storage_ptr.hpp>
#include <boost/json/string.hpp>
#include <boost/json/string_view.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

/// Returns `text` with bytes that are not valid UTF-8 replaced by U+FFFD, as serialize_event
/// does.
std::string with_valid_utf8(std::string text);

/// A member name written in the source code. The constructor runs at compile time and accepts
/// only ASCII letters, digits, `-` and `_`, none of which JSON escapes, so the name is written
/// as it is.
class fixed_key {
public:
    template <std::size_t N>
    consteval fixed_key(const char (&name)[N]) : name_(name, N - 1) {
        for (char c : name_) {
            bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            bool digit = c >= '0' && c <= '9';
            if (!letter && !digit && c != '-' && c != '_') {
                throw "a fixed key may contain only ASCII letters, digits, '-' and '_'";
            }
        }
    }

    std::string_view text() const { return name_; }

private:
    std::string_view name_;
};

/// Writes JSON text front to back into a string, without building a document first. Boost.JSON's
/// serializer escapes every key and string. The caller writes one value after each key and
/// closes objects and arrays in the order it opened them.
class json_writer {
public:
    explicit json_writer(std::string& out) : out_(out) {}

    json_writer& begin_object() { return open('{'); }
    json_writer& end_object() { return close('}'); }
    json_writer& begin_array() { return open('['); }
    json_writer& end_array() { return close(']'); }
    /// Writes a member name fixed in the source code, as it is.
    json_writer& key(fixed_key name);
    /// Writes a member name that comes from input, escaped by the serializer.
    json_writer& escaped_key(std::string_view name);
    json_writer& string(std::string_view text);
    json_writer& null();
    json_writer& boolean(bool value);
    json_writer& integer(std::int64_t value);

private:
    json_writer& open(char bracket);
    json_writer& close(char bracket);
    /// Writes the comma that separates this member or element from the previous one.
    void separate() {
        if (!first_ && !after_key_) {
            out_ += ',';
        }
        first_ = false;
        after_key_ = false;
    }
    void append_escaped(std::string_view text);

    std::string& out_;
    boost::json::serializer serializer_;
    /// Whether the next member or element is the first of its object or array.
    bool first_ = true;
    /// Whether a key was written and its value is next.
    bool after_key_ = false;
};

/// One name and value of an object that may repeat names, such as request headers.
struct named_text {
    std::string_view name;
    std::string_view value;
};

/// Writes `members` as an object with one value per name: a repeated name keeps the position of
/// its first occurrence and the value of its last.
void write_last_values(json_writer& json, const std::vector<named_text>& members);

/// Writes `members` as an object of arrays, each with every value of one name in order; names
/// appear in the order of their first occurrence.
void write_all_values(json_writer& json, const std::vector<named_text>& members);

using lambdad::replace_invalid_utf8;

}  // namespace lambdad::apigw
