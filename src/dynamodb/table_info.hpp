#pragma once

#include "storage/database.hpp"
#include "storage/sqlite_table.hpp"
#include "storage/table_definition.hpp"

#include <boost/json/object.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace lambdad::dynamodb {

/// A secondary index in the DynamoDB API: its key and the attributes it projects.
struct index_info {
    storage::index_definition definition;
    /// ALL, KEYS_ONLY or INCLUDE.
    std::string projection_type = "ALL";
    /// The projected non-key attributes of an INCLUDE projection.
    std::vector<std::string> non_key_attributes;

    /// Copies the attributes of `value` that the index projects (for ALL, the whole item).
    /// `table_key` is the base table's key schema, whose attributes every index projects.
    item project(const item& value, const key_schema& table_key) const;
};

/// A table in the DynamoDB API: the stored definition plus the metadata the API keeps
/// (attribute definitions, billing, projections, TTL, tags). Immutable once built.
struct table_info {
    storage::table_definition definition;
    /// The parsed metadata JSON; see table_metadata.cpp for its members.
    boost::json::object metadata;
    std::vector<index_info> indexes;
    std::shared_ptr<storage::sqlite_table> table;

    const key_schema& schema() const { return definition.schema; }
    const std::string& name() const { return definition.name; }
    /// The index named `name`, or nullptr.
    const index_info* find_index(std::string_view name) const;
    /// The attribute named by the TTL specification when TTL is enabled.
    std::optional<std::string> ttl_attribute() const;
};

/// The metadata of a table created from the daemon's configuration or the in-process API:
/// attribute definitions from the key schema and on-demand billing.
boost::json::object default_metadata(const key_schema& schema);

/// Builds a table_info from a stored definition and its table object.
std::shared_ptr<const table_info> make_table_info(storage::table_definition definition,
                                                  std::shared_ptr<storage::sqlite_table> table);

/// Loaded table_info objects by name, so that item operations do not parse metadata each
/// time. Operations that change a table replace or drop its entry. Thread-safe.
class table_cache {
public:
    explicit table_cache(storage::database& database) : database_(database) {}

    /// Returns the table named `name`. Throws api_error (ResourceNotFoundException) with
    /// `not_found_message` when there is none.
    std::shared_ptr<const table_info> get(
        const std::string& name,
        const std::string& not_found_message = "Requested resource not found");
    /// Forgets the entry of `name`, after the table changed.
    void forget(const std::string& name);

    storage::database& database() { return database_; }

private:
    storage::database& database_;
    std::mutex mutex_;
    // guarded by mutex_
    std::map<std::string, std::shared_ptr<const table_info>, std::less<>> tables_;
};

}  // namespace lambdad::dynamodb
