#include "storage/catalogue.hpp"

namespace lambdad::storage {
namespace {

// One row per DynamoDB table with its key schema, its creation time in milliseconds since the
// Unix epoch and the DynamoDB API's metadata JSON.
constexpr const char* create_tables_sql =
    "CREATE TABLE IF NOT EXISTS lambdad_tables ("
    "name TEXT PRIMARY KEY, hash_key_name TEXT NOT NULL, hash_key_type TEXT NOT NULL, "
    "range_key_name TEXT, range_key_type TEXT, created_at_ms INTEGER NOT NULL, metadata TEXT)";

constexpr const char* create_indexes_sql =
    "CREATE TABLE IF NOT EXISTS lambdad_indexes ("
    "table_name TEXT NOT NULL, index_name TEXT NOT NULL, is_global INTEGER NOT NULL, "
    "hash_key_name TEXT NOT NULL, hash_key_type TEXT NOT NULL, range_key_name TEXT, "
    "range_key_type TEXT, PRIMARY KEY (table_name, index_name))";

constexpr const char* select_table_sql =
    "SELECT hash_key_name, hash_key_type, range_key_name, range_key_type, created_at_ms, "
    "metadata FROM lambdad_tables WHERE name = ?1";

constexpr const char* select_indexes_sql =
    "SELECT index_name, is_global, hash_key_name, hash_key_type, range_key_name, range_key_type "
    "FROM lambdad_indexes WHERE table_name = ?1 ORDER BY rowid";

constexpr const char* insert_table_sql =
    "INSERT INTO lambdad_tables (name, hash_key_name, hash_key_type, range_key_name, "
    "range_key_type, created_at_ms, metadata) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

constexpr const char* insert_index_sql =
    "INSERT INTO lambdad_indexes (table_name, index_name, is_global, hash_key_name, "
    "hash_key_type, range_key_name, range_key_type) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

attribute_value::kind parse_key_type(std::string_view text) {
    if (text == "N") {
        return attribute_value::kind::N;
    }
    if (text == "B") {
        return attribute_value::kind::B;
    }
    return attribute_value::kind::S;
}

// Reads a key schema from four columns starting at `first`: hash name and type, range name and
// type (NULL without a range key).
key_schema read_schema_columns(const statement& row, int first) {
    key_schema schema;
    schema.hash_key = {std::string(row.column_text(first)),
                       parse_key_type(row.column_text(first + 1))};
    if (!row.column_is_null(first + 2)) {
        schema.range_key = key_attribute{std::string(row.column_text(first + 2)),
                                         parse_key_type(row.column_text(first + 3))};
    }
    return schema;
}

// Binds a key schema to four parameters starting at `first`. The type texts are static, so
// SQLite may keep pointers to them.
void bind_schema(statement& row, int first, const key_schema& schema) {
    row.bind_text(first, schema.hash_key.name);
    row.bind_text(first + 1, to_string(schema.hash_key.type));
    if (schema.range_key) {
        row.bind_text(first + 2, schema.range_key->name);
        row.bind_text(first + 3, to_string(schema.range_key->type));
    } else {
        row.bind_null(first + 2);
        row.bind_null(first + 3);
    }
}

bool has_metadata_column(connection& db) {
    statement& query = db.cached("PRAGMA table_info(lambdad_tables)", "table_info");
    statement_reset reset(query);
    while (query.step()) {
        if (query.column_text(1) == "metadata") {
            return true;
        }
    }
    return false;
}

std::vector<index_definition> read_indexes(connection& db, const std::string& name) {
    statement& query = db.cached(select_indexes_sql, "select_indexes");
    statement_reset reset(query);
    query.bind_text(1, name);
    std::vector<index_definition> indexes;
    while (query.step()) {
        indexes.push_back({std::string(query.column_text(0)), read_schema_columns(query, 2),
                           query.column_int64(1) != 0});
    }
    return indexes;
}

void insert_indexes(connection& db, const table_definition& definition) {
    for (const auto& index : definition.indexes) {
        statement& insert = db.cached(insert_index_sql, "insert_index");
        statement_reset reset(insert);
        insert.bind_text(1, definition.name);
        insert.bind_text(2, index.name);
        insert.bind_int64(3, index.global ? 1 : 0);
        bind_schema(insert, 4, index.schema);
        insert.step();
    }
}

void delete_indexes(connection& db, const std::string& name) {
    statement& remove =
        db.cached("DELETE FROM lambdad_indexes WHERE table_name = ?1", "delete_indexes");
    statement_reset reset(remove);
    remove.bind_text(1, name);
    remove.step();
}

}  // namespace

void create_catalogue(connection& db) {
    db.execute(create_tables_sql, "create_catalogue");
    if (!has_metadata_column(db)) {
        db.execute("ALTER TABLE lambdad_tables ADD COLUMN metadata TEXT", "add_metadata_column");
    }
    db.execute(create_indexes_sql, "create_index_catalogue");
}

std::optional<table_definition> read_definition(connection& db, const std::string& name) {
    table_definition definition;
    {
        statement& query = db.cached(select_table_sql, "select_table");
        statement_reset reset(query);
        query.bind_text(1, name);
        if (!query.step()) {
            return std::nullopt;
        }
        definition.name = name;
        definition.schema = read_schema_columns(query, 0);
        definition.created_at_ms = query.column_int64(4);
        if (!query.column_is_null(5)) {
            definition.metadata = std::string(query.column_text(5));
        }
    }
    definition.indexes = read_indexes(db, name);
    return definition;
}

void insert_definition(connection& db, const table_definition& definition) {
    {
        statement& insert = db.cached(insert_table_sql, "insert_table");
        statement_reset reset(insert);
        insert.bind_text(1, definition.name);
        bind_schema(insert, 2, definition.schema);
        insert.bind_int64(6, definition.created_at_ms);
        insert.bind_text(7, definition.metadata);
        insert.step();
    }
    insert_indexes(db, definition);
}

void update_definition(connection& db, const table_definition& definition) {
    {
        statement& update =
            db.cached("UPDATE lambdad_tables SET metadata = ?2 WHERE name = ?1", "update_table");
        statement_reset reset(update);
        update.bind_text(1, definition.name);
        update.bind_text(2, definition.metadata);
        update.step();
    }
    delete_indexes(db, definition.name);
    insert_indexes(db, definition);
}

void delete_definition(connection& db, const std::string& name) {
    statement& remove = db.cached("DELETE FROM lambdad_tables WHERE name = ?1", "delete_table");
    statement_reset reset(remove);
    remove.bind_text(1, name);
    remove.step();
    delete_indexes(db, name);
}

std::vector<std::string> read_table_names(connection& db) {
    statement& query = db.cached("SELECT name FROM lambdad_tables ORDER BY name", "list_tables");
    statement_reset reset(query);
    std::vector<std::string> names;
    while (query.step()) {
        names.emplace_back(query.column_text(0));
    }
    return names;
}

}  // namespace lambdad::storage
