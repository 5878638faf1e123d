#include "dynamodb/expressions/expressions.hpp"

#include <algorithm>

namespace lambdad::dynamodb::expr {
namespace {

bool is_placeholder_character(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// A placeholder is its prefix (`#` or `:`) followed by one or more alphanumeric characters or
// underscores (Developer Guide, "Expression attribute names" and "Expression attribute values").
bool is_valid_placeholder(std::string_view key, char prefix) {
    return key.size() > 1 && key.front() == prefix &&
           std::all_of(key.begin() + 1, key.end(), is_placeholder_character);
}

template <typename Map>
void check_keys(const Map& entries, char prefix, std::string_view parameter) {
    if (entries.empty()) {
        throw validation_error(std::string(parameter) + " must not be empty");
    }
    for (const auto& [key, value] : entries) {
        if (!is_valid_placeholder(key, prefix)) {
            throw validation_error(std::string(parameter) +
                                   " contains invalid key: Syntax error; key: \"" + key + "\"");
        }
    }
}

template <typename Map>
void check_used(const std::optional<Map>& entries, const std::set<std::string, std::less<>>& used,
                std::string_view parameter) {
    if (!entries) {
        return;
    }
    std::string unused;
    for (const auto& [key, value] : *entries) {
        if (!used.contains(key)) {
            unused += unused.empty() ? "" : ", ";
            unused += key;
        }
    }
    if (!unused.empty()) {
        throw validation_error("Value provided in " + std::string(parameter) +
                               " unused in expressions: keys: {" + unused + "}");
    }
}

}  // namespace

attribute_context::attribute_context() = default;

// NOTE: the quotas on placeholder length (255 bytes) and on the total size of all substitution
// variables (2 MB) from "Service, account, and table quotas in Amazon DynamoDB" are not
// enforced, because DynamoDB's messages for them are not documented.
attribute_context::attribute_context(std::optional<name_map> names, std::optional<item> values)
    : names_(std::move(names)), values_(std::move(values)) {
    if (names_) {
        check_keys(*names_, '#', "ExpressionAttributeNames");
    }
    if (values_) {
        check_keys(*values_, ':', "ExpressionAttributeValues");
    }
}

void attribute_context::check_all_used() const {
    check_used(names_, used_names_, "ExpressionAttributeNames");
    check_used(values_, used_values_, "ExpressionAttributeValues");
}

const std::string* attribute_context::resolve_name(std::string_view placeholder) {
    if (!names_) {
        return nullptr;
    }
    const auto found = names_->find(placeholder);
    if (found == names_->end()) {
        return nullptr;
    }
    used_names_.emplace(placeholder);
    return &found->second;
}

const attribute_value* attribute_context::resolve_value(std::string_view placeholder) {
    if (!values_) {
        return nullptr;
    }
    const auto found = values_->find(placeholder);
    if (found == values_->end()) {
        return nullptr;
    }
    used_values_.emplace(placeholder);
    return &found->second;
}

std::string to_string(const document_path& path) {
    std::string text = "[";
    for (std::size_t i = 0; i < path.size(); ++i) {
        text += i == 0 ? "" : ", ";
        if (const auto* name = std::get_if<std::string>(&path[i])) {
            text += *name;
        } else {
            text += "[" + std::to_string(std::get<std::size_t>(path[i])) + "]";
        }
    }
    return text + "]";
}

}  // namespace lambdad::dynamodb::expr
