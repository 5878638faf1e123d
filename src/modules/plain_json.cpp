#include "modules/plain_json.hpp"

#include <boost/json.hpp>
#include <openssl/evp.h>
#include <simdjson.h>

#include <stdexcept>
#include <vector>

namespace lambdad::modules {
namespace {

namespace ondemand = simdjson::ondemand;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// simdjson's On Demand API checks a number's syntax only when the number is converted, and
// this code never converts it, so the JSON number grammar (RFC 8259 section 6) is checked
// here: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view text) {
    std::size_t i = 0;
    auto digits = [&] {
        std::size_t first = i;
        while (i < text.size() && is_digit(text[i])) {
            ++i;
        }
        return i > first;
    };
    if (i < text.size() && text[i] == '-') {
        ++i;
    }
    if (i < text.size() && text[i] == '0') {
        ++i;
    } else if (!digits()) {
        return false;
    }
    if (i < text.size() && text[i] == '.') {
        ++i;
        if (!digits()) {
            return false;
        }
    }
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
            ++i;
        }
        if (!digits()) {
            return false;
        }
    }
    return i == text.size();
}

// raw_json_token() includes the whitespace that follows the token.
std::string_view trim_trailing_whitespace(std::string_view text) {
    std::size_t end = text.find_last_not_of(" \t\r\n");
    return end == std::string_view::npos ? std::string_view() : text.substr(0, end + 1);
}

/// The maximum nesting of objects and arrays. It stays well below simdjson's default maximum
/// depth of 1024, which the On Demand iterator checks only with debug assertions, and deeper
/// documents are rejected before the recursion below could exhaust the stack.
constexpr int max_json_depth = 512;

attribute_value parse_value(ondemand::value value, int depth);

// `depth` counts the objects and arrays enclosing the members.
item parse_members(ondemand::object object, int depth) {
    if (depth > max_json_depth) {
        throw std::invalid_argument("Invalid JSON: nested more than 512 levels deep");
    }
    item members;
    for (auto field : object) {
        std::string key(field.unescaped_key().value());
        members.insert_or_assign(std::move(key), parse_value(field.value(), depth));
    }
    return members;
}

attribute_value parse_number(ondemand::value value) {
    std::string_view text = trim_trailing_whitespace(value.raw_json_token());
    if (!is_json_number(text)) {
        throw std::invalid_argument("Invalid JSON number: " + std::string(text));
    }
    return attribute_value::number(text);
}

attribute_value parse_value(ondemand::value value, int depth) {
    switch (value.type().value()) {
        case ondemand::json_type::object:
            return attribute_value::map(parse_members(value.get_object(), depth + 1));
        case ondemand::json_type::array: {
            if (depth + 1 > max_json_depth) {
                throw std::invalid_argument("Invalid JSON: nested more than 512 levels deep");
            }
            std::vector<attribute_value> elements;
            for (auto element : value.get_array()) {
                elements.push_back(parse_value(element.value(), depth + 1));
            }
            return attribute_value::list(std::move(elements));
        }
        case ondemand::json_type::string:
            return attribute_value::string(std::string(value.get_string().value()));
        case ondemand::json_type::number:
            return parse_number(value);
        case ondemand::json_type::boolean:
            return attribute_value::boolean(value.get_bool().value());
        case ondemand::json_type::null:
            if (!value.is_null()) {
                throw std::invalid_argument("Invalid JSON literal");
            }
            return attribute_value::null();
    }
    throw std::invalid_argument("Invalid JSON value");
}

void append_base64(const std::string& bytes, std::string& out) {
    std::string encoded(4 * ((bytes.size() + 2) / 3), '\0');
    int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                 reinterpret_cast<const unsigned char*>(bytes.data()),
                                 static_cast<int>(bytes.size()));
    encoded.resize(static_cast<std::size_t>(length));
    append_json_string(encoded, out);
}

template <typename Append>
void append_array(const std::vector<std::string>& members, std::string& out, Append append) {
    out += '[';
    for (std::size_t i = 0; i < members.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        append(members[i], out);
    }
    out += ']';
}

}  // namespace

void append_json_string(std::string_view text, std::string& out) {
    // reset() starts a serializer afresh, so each thread reuses one for every string.
    thread_local boost::json::serializer serializer;
    serializer.reset(boost::json::string_view(text.data(), text.size()));
    char buffer[512];
    while (!serializer.done()) {
        auto part = serializer.read(buffer, sizeof buffer);
        out.append(part.data(), part.size());
    }
}

item parse_plain_object(std::string_view json) {
    // simdjson reads up to SIMDJSON_PADDING bytes past the end, so the text is copied.
    simdjson::padded_string padded(json);
    ondemand::parser parser;
    try {
        ondemand::document document = parser.iterate(padded);
        if (document.type().value() != ondemand::json_type::object) {
            throw std::invalid_argument("The request body must be a JSON object");
        }
        item members = parse_members(document.get_object(), 1);
        // current_location() reports OUT_OF_BOUNDS once every token has been read.
        if (document.current_location().error() != simdjson::OUT_OF_BOUNDS) {
            throw std::invalid_argument("Invalid JSON: unexpected text after the object");
        }
        return members;
    } catch (const simdjson::simdjson_error& error) {
        throw std::invalid_argument(std::string("Invalid JSON: ") + error.what());
    }
}

void append_plain_json(const attribute_value& value, std::string& out) {
    using kind = attribute_value::kind;
    switch (value.type()) {
        case kind::S:
            append_json_string(value.scalar(), out);
            return;
        case kind::N:
            // The canonical text of a DynamoDB number is also a valid JSON number.
            out += value.scalar();
            return;
        case kind::B:
            append_base64(value.scalar(), out);
            return;
        case kind::BOOL:
            out += value.boolean_value() ? "true" : "false";
            return;
        case kind::NULL_:
            out += "null";
            return;
        case kind::M:
            append_plain_json(value.members(), out);
            return;
        case kind::L: {
            out += '[';
            bool first = true;
            for (const auto& element : value.elements()) {
                if (!first) {
                    out += ',';
                }
                first = false;
                append_plain_json(element, out);
            }
            out += ']';
            return;
        }
        case kind::SS:
            append_array(value.set_members(), out, append_json_string);
            return;
        case kind::NS:
            append_array(value.set_members(), out,
                         [](const std::string& number, std::string& text) { text += number; });
            return;
        case kind::BS:
            append_array(value.set_members(), out, append_base64);
            return;
    }
}

void append_plain_json(const item& members, std::string& out) {
    out += '{';
    bool first = true;
    for (const auto& [name, value] : members) {
        if (!first) {
            out += ',';
        }
        first = false;
        append_json_string(name, out);
        out += ':';
        append_plain_json(value, out);
    }
    out += '}';
}

std::string to_plain_json(const item& members) {
    std::string out;
    // Reserving room for a small item saves the first few reallocations.
    out.reserve(256);
    append_plain_json(members, out);
    return out;
}

}  // namespace lambdad::modules
