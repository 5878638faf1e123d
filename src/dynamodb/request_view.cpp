#include "dynamodb/request_view.hpp"

#include "dynamodb/api_error.hpp"
#include "lambdad/table.hpp"
#include "storage/item_json.hpp"

#include <boost/crc.hpp>

#include <algorithm>
#include <cstdio>

namespace lambdad::dynamodb {
namespace {

// The messages of DynamoDB's JSON deserializer for a member of the wrong type.
[[noreturn]] void throw_wrong_type(simdjson::dom::element element, std::string_view expected) {
    switch (element.type()) {
        case simdjson::dom::element_type::OBJECT:
            throw api_error::serialization("Start of structure or map found where not expected");
        case simdjson::dom::element_type::ARRAY:
            throw api_error::serialization("Start of list found where not expected");
        case simdjson::dom::element_type::STRING:
            throw api_error::serialization("STRING_VALUE cannot be converted to " +
                                           std::string(expected));
        case simdjson::dom::element_type::BOOL:
            throw api_error::serialization(
                std::string(element.get_bool().value_unsafe() ? "TRUE_VALUE" : "FALSE_VALUE") +
                " cannot be converted to " + std::string(expected));
        default:
            throw api_error::serialization("NUMBER_VALUE cannot be converted to " +
                                           std::string(expected));
    }
}

bool is_table_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-' || c == '.';
}

}  // namespace

std::optional<simdjson::dom::element> request_view::member(std::string_view field) const {
    simdjson::dom::element element;
    if (object_.at_key(field).get(element) != simdjson::SUCCESS || element.is_null()) {
        return std::nullopt;
    }
    return element;
}

bool request_view::has(std::string_view field) const {
    return member(field).has_value();
}

std::optional<std::string_view> request_view::string(std::string_view field) const {
    const auto element = member(field);
    if (!element) {
        return std::nullopt;
    }
    return as_string(*element);
}

std::optional<std::int64_t> request_view::integer(std::string_view field) const {
    const auto element = member(field);
    if (!element) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    if (element->get_int64().get(value) == simdjson::SUCCESS) {
        return value;
    }
    double real = 0;
    if (element->get_double().get(real) == simdjson::SUCCESS) {
        // DynamoDB's deserializer truncates a fractional number given for an integer member.
        return static_cast<std::int64_t>(std::clamp(real, -9.2e18, 9.2e18));
    }
    throw_wrong_type(*element, "Integer");
}

std::optional<bool> request_view::boolean(std::string_view field) const {
    const auto element = member(field);
    if (!element) {
        return std::nullopt;
    }
    bool value = false;
    if (element->get_bool().get(value) != simdjson::SUCCESS) {
        throw_wrong_type(*element, "Boolean");
    }
    return value;
}

std::optional<request_view> request_view::object(std::string_view field) const {
    const auto element = member(field);
    if (!element) {
        return std::nullopt;
    }
    return as_object(*element);
}

std::optional<simdjson::dom::array> request_view::array(std::string_view field) const {
    const auto element = member(field);
    if (!element) {
        return std::nullopt;
    }
    simdjson::dom::array value;
    if (element->get_array().get(value) != simdjson::SUCCESS) {
        if (element->is_object()) {
            throw api_error::serialization("Start of structure or map found where not expected");
        }
        throw api_error::serialization("Unexpected value type in payload");
    }
    return value;
}

std::optional<item> request_view::item_field(std::string_view field) const {
    const auto element = member(field);
    if (!element) {
        return std::nullopt;
    }
    if (!element->is_object()) {
        throw_wrong_type(*element, "Map");
    }
    try {
        return storage::item_from_json(*element);
    } catch (const table_error& error) {
        throw api_error(error.type(), error.what());
    }
}

std::optional<std::map<std::string, std::string, std::less<>>> request_view::string_map(
    std::string_view field) const {
    const auto object_member = object(field);
    if (!object_member) {
        return std::nullopt;
    }
    std::map<std::string, std::string, std::less<>> values;
    for (const auto [key, value] : object_member->raw()) {
        values.emplace(std::string(key), std::string(as_string(value)));
    }
    return values;
}

std::optional<std::vector<std::string>> request_view::string_list(std::string_view field) const {
    const auto list = array(field);
    if (!list) {
        return std::nullopt;
    }
    std::vector<std::string> values;
    for (const auto element : *list) {
        values.emplace_back(as_string(element));
    }
    return values;
}

request_view as_object(simdjson::dom::element element) {
    simdjson::dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS) {
        if (element.is_array()) {
            throw api_error::serialization("Start of list found where not expected");
        }
        throw api_error::serialization("Unexpected value type in payload");
    }
    return request_view(object);
}

std::string_view as_string(simdjson::dom::element element) {
    std::string_view value;
    if (element.get_string().get(value) != simdjson::SUCCESS) {
        throw_wrong_type(element, "String");
    }
    return value;
}

void validation_errors::add(std::string_view value, std::string_view member,
                            std::string_view constraint) {
    messages_.push_back("Value " + std::string(value) + " at '" + std::string(member) +
                        "' failed to satisfy constraint: " + std::string(constraint));
}

void validation_errors::throw_if_any() const {
    if (messages_.empty()) {
        return;
    }
    std::string message =
        std::to_string(messages_.size()) +
        (messages_.size() == 1 ? " validation error detected: " : " validation errors detected: ");
    for (std::size_t i = 0; i < messages_.size(); ++i) {
        message += (i == 0 ? "" : "; ") + messages_[i];
    }
    throw api_error::validation(message);
}

std::string java_object_names(simdjson::dom::array list, std::string_view class_name) {
    std::string names;
    for (const auto element : list) {
        const std::string json = simdjson::minify(element);
        boost::crc_32_type crc;
        crc.process_bytes(json.data(), json.size());
        char suffix[16];
        std::snprintf(suffix, sizeof suffix, "%08x", crc.checksum());
        names += (names.empty() ? "" : ", ") + std::string("com.amazonaws.dynamodb.v20120810.") +
                 std::string(class_name) + "@" + suffix;
    }
    return names;
}

std::string quoted_or_null(const std::optional<std::string_view>& value) {
    return value ? "'" + std::string(*value) + "'" : "null";
}

// DynamoDB API Reference (DescribeTable, "TableName"): the member is a table name or ARN of 1 to
// 1024 characters. A name itself is 3 to 255 characters of [a-zA-Z0-9_.-].
std::string read_table_name(const request_view& request, validation_errors& errors,
                            std::string_view member) {
    const auto name = request.string("TableName");
    if (!name) {
        errors.add("null", member, "Member must not be null");
        return {};
    }
    std::string_view table = *name;
    const std::string_view arn_marker = ":table/";
    if (table.starts_with("arn:") && table.find(arn_marker) != std::string_view::npos) {
        table = table.substr(table.find(arn_marker) + arn_marker.size());
    }
    const std::string shown = quoted_or_null(*name);
    const bool valid_chars = std::all_of(table.begin(), table.end(), is_table_name_char);
    if (!valid_chars) {
        errors.add(shown, member,
                   "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
    }
    if (name->empty()) {
        errors.add(shown, member, "Member must have length greater than or equal to 1");
    } else if (table.size() < 3) {
        errors.add(shown, member, "Member must have length greater than or equal to 3");
    } else if (table.size() > 255) {
        errors.add(shown, member, "Member must have length less than or equal to 255");
    }
    return valid_chars && table.size() >= 3 && table.size() <= 255 ? std::string(table) : "";
}

}  // namespace lambdad::dynamodb
