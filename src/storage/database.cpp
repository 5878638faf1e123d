#include "storage/database.hpp"

#include "storage/connection_pool.hpp"
#include "storage/sqlite_table.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <stdexcept>

namespace lambdad::storage {
namespace {

constexpr std::string_view database_file_name = "lambdad.sqlite3";

// The catalogue of DynamoDB tables: one row per table with its key schema and creation time
// in milliseconds since the Unix epoch.
constexpr const char* create_catalogue_sql =
    "CREATE TABLE IF NOT EXISTS lambdad_tables ("
    "name TEXT PRIMARY KEY, hash_key_name TEXT NOT NULL, hash_key_type TEXT NOT NULL, "
    "range_key_name TEXT, range_key_type TEXT, created_at_ms INTEGER NOT NULL)";

constexpr const char* select_table_sql =
    "SELECT hash_key_name, hash_key_type, range_key_name, range_key_type FROM lambdad_tables "
    "WHERE name = ?1";

constexpr const char* insert_table_sql =
    "INSERT INTO lambdad_tables (name, hash_key_name, hash_key_type, range_key_name, "
    "range_key_type, created_at_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

std::string database_path(const database_options& options) {
    if (options.in_memory) {
        return ":memory:";
    }
    std::error_code error;
    std::filesystem::create_directories(options.data_dir, error);
    if (error) {
        throw std::runtime_error("Cannot create data directory " + options.data_dir + ": " +
                                 error.message());
    }
    return (std::filesystem::path(options.data_dir) / database_file_name).string();
}

attribute_value::kind parse_key_type(std::string_view text) {
    if (text == "N") {
        return attribute_value::kind::N;
    }
    if (text == "B") {
        return attribute_value::kind::B;
    }
    return attribute_value::kind::S;
}

bool is_key_type(attribute_value::kind type) {
    return type == attribute_value::kind::S || type == attribute_value::kind::N ||
           type == attribute_value::kind::B;
}

bool same_attribute(const key_attribute& a, const key_attribute& b) {
    return a.name == b.name && a.type == b.type;
}

bool same_schema(const key_schema& a, const key_schema& b) {
    if (!same_attribute(a.hash_key, b.hash_key) ||
        a.range_key.has_value() != b.range_key.has_value()) {
        return false;
    }
    return !a.range_key || same_attribute(*a.range_key, *b.range_key);
}

// DynamoDB Developer Guide ("Supported data types and naming rules"): table names are 3 to 255
// characters of a-z, A-Z, 0-9, '_', '-' and '.'.
void check_table_name(const std::string& name) {
    const bool valid_chars = std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '.';
    });
    if (name.size() < 3 || name.size() > 255 || !valid_chars) {
        throw table_error("ValidationException",
                          "Invalid table name: " + name +
                              ". Table names are 3 to 255 characters of a-z, A-Z, 0-9, '_', "
                              "'-' and '.'");
    }
}

void check_schema(const std::string& name, const key_schema& schema) {
    const bool valid = is_key_type(schema.hash_key.type) && !schema.hash_key.name.empty() &&
                       (!schema.range_key ||
                        (is_key_type(schema.range_key->type) && !schema.range_key->name.empty() &&
                         schema.range_key->name != schema.hash_key.name));
    if (!valid) {
        throw table_error("ValidationException",
                          "Invalid key schema for table " + name +
                              ": key attributes need distinct non-empty names and type S, N or B");
    }
}

std::optional<key_schema> read_schema(connection& db, const std::string& name) {
    statement& query = db.cached(select_table_sql, "select_table");
    statement_reset reset(query);
    query.bind_text(1, name);
    if (!query.step()) {
        return std::nullopt;
    }
    key_schema schema;
    schema.hash_key = {std::string(query.column_text(0)), parse_key_type(query.column_text(1))};
    if (!query.column_is_null(2)) {
        schema.range_key =
            key_attribute{std::string(query.column_text(2)), parse_key_type(query.column_text(3))};
    }
    return schema;
}

std::int64_t now_ms() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration_cast<std::chrono::milliseconds>(now).count();
}

void insert_table(connection& db, const std::string& name, const key_schema& schema) {
    statement& insert = db.cached(insert_table_sql, "insert_table");
    statement_reset reset(insert);
    const std::string hash_type(to_string(schema.hash_key.type));
    const std::string range_type =
        schema.range_key ? std::string(to_string(schema.range_key->type)) : "";
    insert.bind_text(1, name);
    insert.bind_text(2, schema.hash_key.name);
    insert.bind_text(3, hash_type);
    if (schema.range_key) {
        insert.bind_text(4, schema.range_key->name);
        insert.bind_text(5, range_type);
    } else {
        insert.bind_null(4);
        insert.bind_null(5);
    }
    insert.bind_int64(6, now_ms());
    insert.step();
}

}  // namespace

class database::impl {
public:
    explicit impl(const database_options& options)
        : pool_(std::make_shared<connection_pool>(database_path(options))) {
        pool_->write(
            [](connection& writer) { writer.execute(create_catalogue_sql, "create_catalogue"); });
    }

    std::shared_ptr<table> ensure_table(const std::string& name, const key_schema& schema);
    std::shared_ptr<table> open_table(std::string_view name);
    std::vector<std::string> table_names();

    const std::shared_ptr<connection_pool>& pool() const { return pool_; }

private:
    std::shared_ptr<table> remember(const std::string& name, const key_schema& schema);

    std::shared_ptr<connection_pool> pool_;
    std::mutex tables_mutex_;
    // Tables opened so far, guarded by tables_mutex_; each DynamoDB table has one object.
    std::map<std::string, std::shared_ptr<table>, std::less<>> tables_;
};

std::shared_ptr<table> database::impl::remember(const std::string& name, const key_schema& schema) {
    std::lock_guard lock(tables_mutex_);
    auto found = tables_.find(name);
    if (found == tables_.end()) {
        found = tables_.emplace(name, std::make_shared<sqlite_table>(pool_, name, schema)).first;
    }
    return found->second;
}

std::shared_ptr<table> database::impl::ensure_table(const std::string& name,
                                                    const key_schema& schema) {
    check_table_name(name);
    check_schema(name, schema);
    pool_->write([&](connection& writer) {
        writer.execute("BEGIN IMMEDIATE", "begin");
        try {
            const auto existing = read_schema(writer, name);
            if (existing && !same_schema(*existing, schema)) {
                throw table_error("ValidationException",
                                  "Table " + name + " already exists with another key schema");
            }
            if (!existing) {
                insert_table(writer, name, schema);
                writer.execute(sqlite_table::create_sql(name), "create_table");
            }
            writer.execute("COMMIT", "commit");
        } catch (...) {
            writer.execute("ROLLBACK", "rollback");
            throw;
        }
    });
    return remember(name, schema);
}

std::shared_ptr<table> database::impl::open_table(std::string_view name) {
    {
        std::lock_guard lock(tables_mutex_);
        const auto found = tables_.find(name);
        if (found != tables_.end()) {
            return found->second;
        }
    }
    const std::string key(name);
    const auto schema = pool_->read([&](connection& reader) { return read_schema(reader, key); });
    if (!schema) {
        throw table_error("ResourceNotFoundException", "Requested resource not found");
    }
    return remember(key, *schema);
}

std::vector<std::string> database::impl::table_names() {
    return pool_->read([](connection& reader) {
        statement& query =
            reader.cached("SELECT name FROM lambdad_tables ORDER BY name", "list_tables");
        statement_reset reset(query);
        std::vector<std::string> names;
        while (query.step()) {
            names.emplace_back(query.column_text(0));
        }
        return names;
    });
}

database::database(const database_options& options) : impl_(std::make_unique<impl>(options)) {}

database::~database() = default;

std::shared_ptr<table> database::ensure_table(const std::string& name, const key_schema& schema) {
    return impl_->ensure_table(name, schema);
}

std::shared_ptr<table> database::open_table(std::string_view name) {
    return impl_->open_table(name);
}

std::vector<std::string> database::table_names() {
    return impl_->table_names();
}

const std::string& database::path() const {
    return impl_->pool()->path();
}

const std::string& database::journal_mode() const {
    return impl_->pool()->journal_mode();
}

}  // namespace lambdad::storage
