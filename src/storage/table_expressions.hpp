#pragma once

// The steps of conditional writes, updates and queries that the DynamoDB API and the in-process
// table API share, so that both give the same results for the same expressions.

#include "dynamodb/expressions/expressions.hpp"
#include "lambdad/table.hpp"
#include "storage/key_validation.hpp"
#include "storage/sqlite_table.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace lambdad::storage {

/// A write whose condition did not hold: ConditionalCheckFailedException with DynamoDB's
/// message, carrying the item stored when the condition was evaluated (for
/// ReturnValuesOnConditionCheckFailure).
class condition_check_failed : public table_error {
public:
    explicit condition_check_failed(std::optional<item> current);

    /// The item the condition was evaluated against; absent when there was none.
    const std::optional<item>& current() const { return current_; }

private:
    std::optional<item> current_;
};

/// Checks an item about to be stored: its size (400 KB) and the types of its secondary index
/// key attributes. Throws table_error (ValidationException) with DynamoDB's messages.
void check_item_for_write(const std::vector<index_definition>& indexes, const item& value);

/// Throws table_error (ValidationException) when `update` changes a key attribute of `schema`.
void reject_key_updates(const key_schema& schema, const dynamodb::expr::update& update);

/// PutItem inside the caller's write transaction: stores `value` under `key` when `condition`
/// (if any) holds for the stored item, and returns the item it replaced. Throws
/// condition_check_failed, which rolls the transaction back.
std::optional<item> put_in(sqlite_table& table, connection& writer, const encoded_key& key,
                           const item& value, const dynamodb::expr::condition* condition);

/// DeleteItem inside the caller's write transaction: deletes the item under `key` when
/// `condition` (if any) holds, and returns the deleted item. Throws condition_check_failed.
std::optional<item> erase_in(sqlite_table& table, connection& writer, const encoded_key& key,
                             const dynamodb::expr::condition* condition);

/// The item before and after an UpdateItem.
struct update_result {
    std::optional<item> before;
    item after;
};

/// UpdateItem inside the caller's write transaction: applies `update` (if any) to the item under
/// `encoded`, or to a new item with the attributes of `key`, when `condition` (if any) holds.
/// `check` receives the new item before it is stored and throws to reject it. Throws
/// condition_check_failed, or the update's validation errors.
update_result update_in(sqlite_table& table, connection& writer, const encoded_key& encoded,
                        const item& key, const dynamodb::expr::update* update,
                        const dynamodb::expr::condition* condition,
                        const std::function<void(const item&)>& check);

/// The key schema of a table or index in the form the expression engine takes.
dynamodb::expr::key_schema to_expression_schema(const key_schema& schema);

/// Narrows a Query's range read to the items that the range key condition selects.
void set_range_bounds(range_request& request, const dynamodb::expr::range_condition& range);

/// Encodes an ExclusiveStartKey into the start position of a read of the table or of `index`.
/// Throws table_error (ValidationException) when it is not exactly the key attributes.
std::vector<std::string> encode_start_position(const key_schema& table_schema,
                                               const index_definition* index, const item& start);

/// The LastEvaluatedKey of a read that stopped at `value`: the table's key attributes, and for
/// an index also the index's.
item last_evaluated_key(const key_schema& table_schema, const index_definition* index,
                        const item& value);

}  // namespace lambdad::storage
