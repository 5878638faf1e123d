#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>

struct sqlite3;
struct sqlite3_stmt;

namespace lambdad::storage {

/// A failed SQLite call: SQLite's result code, the name of the statement and SQLite's message.
/// Bound values never appear in the message.
class sqlite_error : public std::runtime_error {
public:
    sqlite_error(int code, std::string_view statement_name, std::string_view message);

    /// SQLite's extended result code.
    int code() const { return code_; }
    /// Whether the statement named a table that does not exist, as after another connection's
    /// DROP TABLE.
    bool missing_table() const;

private:
    int code_;
};

/// A prepared statement. Not thread-safe: one thread at a time, like its connection.
class statement {
public:
    /// Prepares `sql` on `db`. Throws sqlite_error.
    statement(sqlite3* db, std::string_view sql, std::string name);
    ~statement();
    statement(const statement&) = delete;
    statement& operator=(const statement&) = delete;

    /// Binds bytes as a BLOB to the 1-based parameter `index`. SQLite does not copy them, so
    /// they must stay alive until reset().
    void bind_blob(int index, std::string_view bytes);
    /// Binds text to the 1-based parameter `index`; kept alive by the caller as for bind_blob.
    void bind_text(int index, std::string_view text);
    /// Binds an integer to the 1-based parameter `index`.
    void bind_int64(int index, std::int64_t value);
    /// Binds NULL to the 1-based parameter `index`.
    void bind_null(int index);

    /// Runs the statement one step: true when a row is ready, false when it is done.
    /// Throws sqlite_error.
    bool step();
    /// Resets the statement and clears its bindings, ending its read transaction.
    void reset() noexcept;

    /// The bytes of the 0-based column `index` of the current row; valid until the next step
    /// or reset.
    std::string_view column_blob(int index) const;
    /// The text of the 0-based column `index` of the current row; valid as column_blob.
    std::string_view column_text(int index) const;
    /// The integer in the 0-based column `index` of the current row.
    std::int64_t column_int64(int index) const;
    /// Whether the 0-based column `index` of the current row is NULL.
    bool column_is_null(int index) const;

    /// The statement's name, used in error messages.
    const std::string& name() const { return name_; }

private:
    void check_bind(int result);

    sqlite3_stmt* handle_ = nullptr;
    sqlite3* db_;
    std::string name_;
};

/// Resets a statement when the scope ends, so that no read transaction stays open.
class statement_reset {
public:
    explicit statement_reset(statement& target) : target_(target) {}
    ~statement_reset() { target_.reset(); }
    statement_reset(const statement_reset&) = delete;
    statement_reset& operator=(const statement_reset&) = delete;

private:
    statement& target_;
};

/// One SQLite connection with a cache of prepared statements. Not thread-safe: the owner
/// makes sure one thread at a time uses it.
class connection {
public:
    /// Opens `path` (a file name or ":memory:"), creating the file when missing.
    /// Throws sqlite_error naming the path.
    explicit connection(const std::string& path);
    ~connection();
    connection(const connection&) = delete;
    connection& operator=(const connection&) = delete;

    /// Runs SQL without results, for example a pragma or a schema change. Throws sqlite_error.
    void execute(std::string_view sql, std::string_view name);
    /// Returns the prepared statement for `sql`, preparing it on first use. Throws sqlite_error.
    statement& cached(const std::string& sql, std::string_view name);
    /// Runs one statement without results through the statement cache, for SQL that runs
    /// often, such as BEGIN and COMMIT. Throws sqlite_error.
    void run_cached(const std::string& sql, std::string_view name);
    /// The rows changed by the most recent INSERT, UPDATE or DELETE.
    std::int64_t changes() const;

private:
    sqlite3* db_ = nullptr;
    // Keyed by SQL text. unique_ptr keeps references stable while the map grows.
    std::unordered_map<std::string, std::unique_ptr<statement>> statements_;
};

}  // namespace lambdad::storage
