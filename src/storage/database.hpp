#pragma once

#include "lambdad/table.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace lambdad::storage {

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
    /// The database file path, or ":memory:".
    const std::string& path() const;
    /// SQLite's journal mode, for the startup log line ("wal" or "memory").
    const std::string& journal_mode() const;

    class impl;

private:
    std::unique_ptr<impl> impl_;
};

}  // namespace lambdad::storage
