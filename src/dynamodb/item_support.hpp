#pragma once

#include "dynamodb/operation.hpp"
#include "storage/key_validation.hpp"
#include "storage/table_expressions.hpp"

#include <boost/json/object.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace lambdad::dynamodb {

/// Reads and checks TableName, then returns the table. Throws api_error: ValidationException
/// for an invalid name, ResourceNotFoundException when there is no such table.
std::shared_ptr<const table_info> open_request_table(operation_context& context,
                                                     const request_view& request);

/// Reads TableName and checks it, throwing ValidationException; returns the table name.
std::string require_table_name(const request_view& request);

/// Reads a required item or key member (Item, Key). Throws api_error (ValidationException)
/// when it is missing: "Value null at '<member>' failed to satisfy constraint: ...".
item require_item(const request_view& request, std::string_view field, std::string_view member);

/// Checks an item about to be stored: its size (400 KB) and the types of its secondary index
/// key attributes. Throws api_error (ValidationException) with DynamoDB's messages.
void check_item_for_write(const table_info& table, const item& value);

/// Encodes the key of a lookup (GetItem, DeleteItem, UpdateItem). Throws ValidationException
/// "The provided key element does not match the schema".
storage::encoded_key encode_request_key(const table_info& table, const item& key);

/// ReturnValues of a write: NONE, ALL_OLD, UPDATED_OLD, ALL_NEW or UPDATED_NEW.
enum class return_values { none, all_old, updated_old, all_new, updated_new };

/// Reads ReturnValues. `only_old` restricts it to NONE and ALL_OLD (PutItem, DeleteItem).
return_values read_return_values(const request_view& request, bool only_old);

/// Reads ReturnValuesOnConditionCheckFailure: whether it is ALL_OLD.
bool read_return_old_on_failure(const request_view& request);

/// Throws ConditionalCheckFailedException, carrying the current item when requested.
[[noreturn]] void throw_condition_failed(const std::optional<item>& current, bool return_old);

/// Runs `write`, a write transaction that evaluates a condition, and turns a failed condition
/// into ConditionalCheckFailedException carrying the current item when `return_old`.
template <typename Write>
auto run_conditional_write(bool return_old, Write&& write) {
    try {
        return write();
    } catch (const storage::condition_check_failed& failed) {
        throw_condition_failed(failed.current(), return_old);
    }
}

/// The DynamoDB JSON object of an item.
boost::json::object item_object(const item& value);

}  // namespace lambdad::dynamodb
