#pragma once

#include "lambdad/attribute_value.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lambdad {

/// A failed table call. `type()` is the DynamoDB error name a caller would see from AWS
/// (for example "ValidationException" or "ResourceNotFoundException"), and `what()` its message.
class table_error : public std::runtime_error {
public:
    table_error(std::string type, const std::string& message)
        : std::runtime_error(message), type_(std::move(type)) {}

    /// The DynamoDB error name.
    const std::string& type() const { return type_; }

private:
    std::string type_;
};

/// One attribute of a table's primary key.
struct key_attribute {
    /// The attribute name.
    std::string name;
    /// The key type: S, N or B.
    attribute_value::kind type = attribute_value::kind::S;
};

/// A table's primary key: a hash (partition) key and an optional range (sort) key.
struct key_schema {
    key_attribute hash_key;
    std::optional<key_attribute> range_key;
};

/// One page of a scan.
struct scan_page {
    /// The items of the page, in key order.
    std::vector<item> items;
    /// The key of the last item read when more items may follow; absent on the last page.
    std::optional<item> last_evaluated_key;
};

/// The condition of a write and the placeholders that the call's expressions use, as in
/// PutItem, DeleteItem and UpdateItem. Every member has a default, so a designated initializer
/// may name only the members it sets.
struct write_options {
    /// A ConditionExpression that the stored item must satisfy; empty for no condition.
    std::string condition_expression{};
    /// ExpressionAttributeNames: `#placeholder` to attribute name. Empty means none sent.
    std::map<std::string, std::string> expression_attribute_names{};
    /// ExpressionAttributeValues: `:placeholder` to value. Empty means none sent.
    item expression_attribute_values{};
};

/// The parameters of a Query. Give either `hash_key` (every item with that hash key value) or
/// `key_condition_expression` (a KeyConditionExpression, which may also bound the range key).
struct query_request {
    /// The hash key value of the items to read, when `key_condition_expression` is empty.
    std::optional<attribute_value> hash_key{};
    /// A KeyConditionExpression on the key of the table or of `index_name`.
    std::string key_condition_expression{};
    /// A FilterExpression applied to the items read; empty for none.
    std::string filter_expression{};
    /// ExpressionAttributeNames: `#placeholder` to attribute name. Empty means none sent.
    std::map<std::string, std::string> expression_attribute_names{};
    /// ExpressionAttributeValues: `:placeholder` to value. Empty means none sent.
    item expression_attribute_values{};
    /// The secondary index to query; the table itself when absent.
    std::optional<std::string> index_name{};
    /// The maximum number of items to read (Limit, before the filter); without it a page stops
    /// only at 1 MB.
    std::optional<std::size_t> limit{};
    /// The LastEvaluatedKey of the previous page, to continue after it.
    std::optional<item> exclusive_start_key{};
    /// ScanIndexForward: ascending range key order when true.
    bool scan_index_forward = true;
};

/// One page of a query.
struct query_page {
    /// The items that passed the filter, in range key order (descending when the query asked).
    std::vector<item> items{};
    /// ScannedCount: the number of items read before the filter.
    std::size_t scanned_count = 0;
    /// The key of the last item read when the read stopped at the limit or at 1 MB; absent
    /// when it reached the end of the items that the key condition selects.
    std::optional<item> last_evaluated_key{};
};

/// A DynamoDB table stored in lambdad's SQLite database.
///
/// All calls are thread-safe and block the calling thread while SQLite works. Writes return
/// only after their transaction has committed, so an acknowledged write survives the process
/// being killed. Calls throw table_error with DynamoDB's error type and message, for example
/// a ValidationException when a key attribute is missing or has the wrong type.
class table {
public:
    virtual ~table() = default;

    /// The table's name.
    virtual const std::string& name() const = 0;
    /// The table's primary key.
    virtual const key_schema& schema() const = 0;

    /// Returns the item whose primary key equals `key`, or nothing when there is none.
    /// `key` must hold exactly the key attributes.
    virtual std::optional<item> get(const item& key) = 0;
    /// Stores `value`, replacing any item with the same primary key.
    virtual void put(const item& value) = 0;
    /// Deletes the item with primary key `key`. Returns whether an item was deleted.
    virtual bool erase(const item& key) = 0;
    /// Reads up to `limit` items in key order, starting after `exclusive_start_key` when given.
    /// Pages also stop at 1 MB of item data, as DynamoDB's do.
    virtual scan_page scan(const std::optional<item>& exclusive_start_key, std::size_t limit) = 0;

    // The calls below parse and evaluate expressions with the engine of lambdad's DynamoDB API,
    // so they accept, reject and evaluate exactly what PutItem, DeleteItem, UpdateItem and
    // Query do. An invalid expression, placeholder or unused placeholder throws table_error
    // (ValidationException) with DynamoDB's message. A condition that does not hold throws
    // table_error (ConditionalCheckFailedException, "The conditional request failed") and
    // changes nothing.

    /// Stores `value` when `options.condition_expression` holds for the item stored now (or
    /// for no item), replacing any item with the same key. Returns the replaced item
    /// (ReturnValues ALL_OLD), or nothing when there was none.
    virtual std::optional<item> put(const item& value, const write_options& options) = 0;
    /// Deletes the item with primary key `key` when `options.condition_expression` holds for
    /// it. Returns the deleted item, or nothing when there was none.
    virtual std::optional<item> erase(const item& key, const write_options& options) = 0;
    /// Applies an UpdateExpression to the item with primary key `key`, creating it when there
    /// is none, when `options.condition_expression` holds. Returns the new item (ReturnValues
    /// ALL_NEW). An update of a key attribute throws table_error (ValidationException).
    virtual item update(const item& key, const std::string& update_expression,
                        const write_options& options) = 0;
    /// Reads one page of items with one hash key value from the table or an index, in range
    /// key order. Index queries return whole items. Throws table_error (ValidationException)
    /// for an unknown index, a Limit of 0, or an exclusive start key that is not a key of the
    /// table (and index).
    virtual query_page query(const query_request& request) = 0;
};

/// Access to the tables that a function may use.
class table_provider {
public:
    virtual ~table_provider() = default;

    /// Returns the table named `name`. Throws table_error (ResourceNotFoundException) when
    /// there is none. The table outlives every function environment.
    virtual std::shared_ptr<table> open_table(std::string_view name) = 0;
};

}  // namespace lambdad
