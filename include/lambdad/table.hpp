#pragma once

#include "lambdad/attribute_value.hpp"

#include <cstddef>
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
