#include "dynamodb/item_support.hpp"

#include "dynamodb/api_error.hpp"
#include "storage/item_json.hpp"

#include <array>

namespace lambdad::dynamodb {
namespace {

constexpr std::array<std::string_view, 5> return_value_names{"NONE", "ALL_OLD", "UPDATED_OLD",
                                                             "ALL_NEW", "UPDATED_NEW"};

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
    std::vector<storage::index_definition> indexes;
    for (const auto& index : table.indexes) {
        indexes.push_back(index.definition);
    }
    // TransactWriteItems catches api_error to report the failing action, so the storage
    // error becomes one here.
    try {
        storage::check_item_for_write(indexes, value);
    } catch (const table_error& error) {
        throw api_error::validation(error.what());
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
