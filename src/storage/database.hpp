#pragma once

#include "lambdad/table.hpp"
#include "storage/table_definition.hpp"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lambdad::storage {

class connection_pool;
class sqlite_table;

/// Where the database lives.
struct database_options {
    /// The directory holding `lambdad.sqlite3`; created when missing. Ignored when in_memory.
    std::string data_dir = ".lambdad";
    /// Keep everything in memory; nothing survives the process.
    bool in_memory = false;
};

/// lambdad's SQLite database: every DynamoDB table, one SQLite table each, in one file in
/// WAL mode.
///
/// Thread-safe. Tables returned by `open_table` stay valid as long as the database.
class database : public table_provider {
public:
    /// Opens or creates the database. Throws std::runtime_error naming the path and SQLite's
    /// message when it cannot be opened.
    explicit database(const database_options& options);
    ~database() override;
    database(const database&) = delete;
    database& operator=(const database&) = delete;

    /// Creates the table when it does not exist. Throws table_error (ValidationException)
    /// when it exists with another key schema.
    std::shared_ptr<table> ensure_table(const std::string& name, const key_schema& schema);
    std::shared_ptr<table> open_table(std::string_view name) override;
    /// The names of all tables, sorted.
    std::vector<std::string> table_names();

    /// Creates a table with its indexes. Throws table_error (ResourceInUseException) when a
    /// table of that name exists, or (ValidationException) for an invalid name or key schema.
    std::shared_ptr<sqlite_table> create_table(table_definition definition);
    /// Returns the table named `name`. Throws table_error (ResourceNotFoundException) when there
    /// is none.
    std::shared_ptr<sqlite_table> open_sqlite_table(std::string_view name);
    /// Reads a table's stored definition, or nothing when there is no such table.
    std::optional<table_definition> describe_table(const std::string& name);
    /// Replaces a table's indexes and metadata in one transaction: creates and fills the tables
    /// of new indexes and drops those of removed ones. Throws table_error
    /// (ResourceNotFoundException) when the table does not exist.
    void update_table(const table_definition& definition);
    /// Deletes a table, its indexes and items, and returns its last definition. Throws
    /// table_error (ResourceNotFoundException) when the table does not exist.
    table_definition delete_table(const std::string& name);
    /// The connections, for write transactions that span several items or tables.
    connection_pool& pool();
    /// The database file path, or ":memory:".
    const std::string& path() const;
    /// SQLite's journal mode, for the startup log line ("wal" or "memory").
    const std::string& journal_mode() const;

    class impl;

private:
    std::unique_ptr<impl> impl_;
};

}  // namespace lambdad::storage
