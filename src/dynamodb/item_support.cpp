#include "dynamodb/item_support.hpp"

#include "dynamodb/api_error.hpp"
#include "storage/item_json.hpp"
#include "storage/item_size.hpp"

#include <array>

namespace lambdad::dynamodb {
namespace {

constexpr std::array<std::string_view, 5> return_value_names{"NONE", "ALL_OLD", "UPDATED_OLD",
                                                             "ALL_NEW", "UPDATED_NEW"};

void check_index_key(const index_info& index, const key_attribute& attribute, const item& value) {
    const auto found = value.find(attribute.name);
    if (found == value.end()) {
        return;
    }
    if (found->second.type() != attribute.type) {
        throw api_error::validation(
            "One or more parameter values were invalid: Type mismatch for Index Key " +
            attribute.name + " Expected: " + std::string(to_string(attribute.type)) + " Actual: " +
            std::string(to_string(found->second.type())) + " IndexName: " + index.definition.name);
    }
    if (attribute.type != attribute_value::kind::N && found->second.scalar().empty()) {
        throw api_error::validation(
            "One or more parameter values are not valid. A value specified for a secondary "
            "index key is not supported. The AttributeValue for a key attribute cannot contain "
            "an empty " +
            std::string(attribute.type == attribute_value::kind::S ? "string" : "binary") +
            " value. IndexName: " + index.definition.name + ", IndexKey: " + attribute.name);
    }
}

}  // namespace

std::string require_table_name(const request_view& request) {
    validation_errors errors;
    std::string name = read_table_name(request, errors);
    errors.throw_if_any();
    return name;
}

std::shared_ptr<const table_info> open_request_table(operation_context& context,
                                                     const request_view& request) {
    return context.tables.get(require_table_name(request));
}

item require_item(const request_view& request, std::string_view field, std::string_view member) {
    auto value = request.item_field(field);
    if (!value) {
        validation_errors errors;
        errors.add("null", member, "Member must not be null");
        errors.throw_if_any();
    }
    return std::move(*value);
}

void check_item_for_write(const table_info& table, const item& value) {
    if (storage::item_size(value) > storage::max_item_size_bytes) {
        throw api_error::validation("Item size has exceeded the maximum allowed size");
    }
    for (const auto& index : table.indexes) {
        check_index_key(index, index.definition.schema.hash_key, value);
        if (index.definition.schema.range_key) {
            check_index_key(index, *index.definition.schema.range_key, value);
        }
    }
}

storage::encoded_key encode_request_key(const table_info& table, const item& key) {
    return storage::encode_lookup_key(table.schema(), key,
                                      "The provided key element does not match the schema");
}

return_values read_return_values(const request_view& request, bool only_old) {
    const auto text = request.string("ReturnValues");
    if (!text) {
        return return_values::none;
    }
    std::size_t position = 0;
    while (position < return_value_names.size() && return_value_names[position] != *text) {
        ++position;
    }
    if (position == return_value_names.size()) {
        throw api_error::validation(
            "1 validation error detected: Value '" + std::string(*text) +
            "' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value "
            "set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
    }
    const auto value = static_cast<return_values>(position);
    if (only_old && value != return_values::none && value != return_values::all_old) {
        throw api_error::validation("ReturnValues can only be ALL_OLD or NONE");
    }
    return value;
}

bool read_return_old_on_failure(const request_view& request) {
    const auto text = request.string("ReturnValuesOnConditionCheckFailure");
    if (!text || *text == "NONE") {
        return false;
    }
    if (*text == "ALL_OLD") {
        return true;
    }
    throw api_error::validation(
        "1 validation error detected: Value '" + std::string(*text) +
        "' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must "
        "satisfy enum value set: [ALL_OLD, NONE]");
}

void throw_condition_failed(const std::optional<item>& current, bool return_old) {
    std::optional<boost::json::object> old_item;
    if (return_old && current) {
        old_item = item_object(*current);
    }
    throw api_error::conditional_check_failed(std::move(old_item));
}

boost::json::object item_object(const item& value) {
    return storage::to_json_object(value);
}

}  // namespace lambdad::dynamodb
