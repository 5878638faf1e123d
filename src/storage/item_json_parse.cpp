#include "lambdad/table.hpp"
#include "storage/decimal.hpp"
#include "storage/item_json.hpp"
#include "storage/item_size.hpp"

#include <simdjson.h>

#include <array>
#include <stdexcept>

namespace lambdad::storage {
namespace {

using kind = attribute_value::kind;

constexpr std::array<std::pair<std::string_view, kind>, 10> descriptors{{
    {"S", kind::S},
    {"N", kind::N},
    {"B", kind::B},
    {"BOOL", kind::BOOL},
    {"NULL", kind::NULL_},
    {"M", kind::M},
    {"L", kind::L},
    {"SS", kind::SS},
    {"NS", kind::NS},
    {"BS", kind::BS},
}};

[[noreturn]] void throw_serialization(const std::string& message) {
    throw table_error("SerializationException", message);
}

[[noreturn]] void throw_validation(const std::string& message) {
    throw table_error("ValidationException", message);
}

std::string_view string_field(simdjson::dom::element element, std::string_view descriptor) {
    std::string_view text;
    if (element.get_string().get(text) != simdjson::SUCCESS) {
        throw_serialization("Attribute value " + std::string(descriptor) +
                            " must be a JSON string");
    }
    return text;
}

simdjson::dom::array array_field(simdjson::dom::element element, std::string_view descriptor) {
    simdjson::dom::array array;
    if (element.get_array().get(array) != simdjson::SUCCESS) {
        throw_serialization("Attribute value " + std::string(descriptor) + " must be a JSON array");
    }
    return array;
}

std::vector<std::string> string_members(simdjson::dom::element element,
                                        std::string_view descriptor) {
    std::vector<std::string> members;
    for (const auto member : array_field(element, descriptor)) {
        members.emplace_back(string_field(member, descriptor));
    }
    return members;
}

std::string join(const std::vector<std::string>& members) {
    std::string text;
    for (const auto& member : members) {
        if (!text.empty()) {
            text += ", ";
        }
        text += member;
    }
    return text;
}

// DynamoDB rejects duplicate set members; the messages differ by set type.
attribute_value parse_set(simdjson::dom::element element, kind type) {
    const auto descriptor = to_string(type);
    std::vector<std::string> members = string_members(element, descriptor);
    const std::vector<std::string> original = members;
    try {
        if (type == kind::SS) {
            auto value = attribute_value::string_set(std::move(members));
            if (value.set_members().size() != original.size()) {
                throw_validation("One or more parameter values were invalid: Input collection [" +
                                 join(original) + "] contains duplicates.");
            }
            return value;
        }
        if (type == kind::NS) {
            auto value = attribute_value::number_set(members);
            if (value.set_members().size() != original.size()) {
                throw_validation("Input collection contains duplicates");
            }
            return value;
        }
        std::vector<std::string> bytes;
        bytes.reserve(members.size());
        for (const auto& member : members) {
            bytes.push_back(decode_base64(member));
        }
        auto value = attribute_value::binary_set(std::move(bytes));
        if (value.set_members().size() != original.size()) {
            throw_validation("One or more parameter values were invalid: Input collection [" +
                             join(original) + "]of type BS contains duplicates.");
        }
        return value;
    } catch (const std::invalid_argument& error) {
        throw_validation(error.what());
    }
}

attribute_value parse_value(simdjson::dom::element element, int depth);

item parse_members(simdjson::dom::element element, int depth) {
    simdjson::dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS) {
        throw_serialization("An item or map attribute must be a JSON object");
    }
    item members;
    for (const auto field : object) {
        members.insert_or_assign(std::string(field.key), parse_value(field.value, depth));
    }
    return members;
}

attribute_value parse_typed(simdjson::dom::element element, kind type, int depth) {
    const auto descriptor = to_string(type);
    switch (type) {
        case kind::S:
            return attribute_value::string(std::string(string_field(element, descriptor)));
        case kind::N:
            try {
                return attribute_value::number(string_field(element, descriptor));
            } catch (const std::invalid_argument& error) {
                throw_validation(error.what());
            }
        case kind::B:
            return attribute_value::binary(decode_base64(string_field(element, descriptor)));
        case kind::BOOL:
        case kind::NULL_: {
            bool flag = false;
            if (element.get_bool().get(flag) != simdjson::SUCCESS) {
                throw_serialization("Attribute value " + std::string(descriptor) +
                                    " must be a JSON boolean");
            }
            if (type == kind::BOOL) {
                return attribute_value::boolean(flag);
            }
            if (!flag) {
                throw_validation(
                    "One or more parameter values were invalid: Null attribute value types must "
                    "have the value of true");
            }
            return attribute_value::null();
        }
        case kind::M:
            return attribute_value::map(parse_members(element, depth + 1));
        case kind::L: {
            std::vector<attribute_value> elements;
            for (const auto member : array_field(element, descriptor)) {
                elements.push_back(parse_value(member, depth + 1));
            }
            return attribute_value::list(std::move(elements));
        }
        case kind::SS:
        case kind::NS:
        case kind::BS:
            return parse_set(element, type);
    }
    throw_serialization("Unknown attribute value type");
}

// `depth` counts the maps and lists enclosing this value.
attribute_value parse_value(simdjson::dom::element element, int depth) {
    if (depth > max_nesting_depth) {
        throw_validation(
            "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
            "levels beyond supported limit");
    }
    simdjson::dom::object object;
    if (element.get_object().get(object) != simdjson::SUCCESS) {
        throw_serialization("An attribute value must be a JSON object");
    }
    // Unknown fields are ignored, so only the known descriptors count.
    const std::pair<std::string_view, kind>* found = nullptr;
    simdjson::dom::element content;
    for (const auto field : object) {
        for (const auto& descriptor : descriptors) {
            if (field.key != descriptor.first) {
                continue;
            }
            if (found != nullptr) {
                throw_validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain "
                    "exactly one of the supported datatypes");
            }
            found = &descriptor;
            content = field.value;
        }
    }
    if (found == nullptr) {
        throw_validation(
            "Supplied AttributeValue is empty, must contain exactly one of the supported "
            "datatypes");
    }
    return parse_typed(content, found->second, depth);
}

// simdjson's parser reuses its buffers between documents but is not thread-safe, so each
// thread keeps its own.
simdjson::dom::element parse_document(std::string_view text) {
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    const auto error = parser.parse(text.data(), text.size(), true).get(root);
    if (error != simdjson::SUCCESS) {
        throw_serialization(std::string("Invalid JSON: ") + simdjson::error_message(error));
    }
    return root;
}

}  // namespace

item item_from_json(const simdjson::dom::element& object) {
    return parse_members(object, 0);
}

attribute_value value_from_json(const simdjson::dom::element& element) {
    return parse_value(element, 0);
}

item item_from_dynamodb_json(std::string_view text) {
    return item_from_json(parse_document(text));
}

attribute_value value_from_dynamodb_json(std::string_view text) {
    return value_from_json(parse_document(text));
}

}  // namespace lambdad::storage
