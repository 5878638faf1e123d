#include "storage/sqlite_table.hpp"

#include "storage/item_json.hpp"
#include "storage/item_size.hpp"
#include "storage/key_validation.hpp"
#include "storage/table_expressions.hpp"

namespace lambdad::storage {
namespace {

constexpr std::string_view key_mismatch = "The provided key element does not match the schema";

}  // namespace

// Table and index names contain only [a-zA-Z0-9_.-] (the database checks), so quoting is
// enough. '/' cannot appear in either name, so no two (table, index) pairs share a SQLite name.
std::string sqlite_table::item_table_name(const std::string& name) {
    return "\"items_" + name + "\"";
}

std::string sqlite_table::index_table_name(const std::string& name, const std::string& index) {
    return "\"index_" + name + "/" + index + "\"";
}

sqlite_table::sqlite_table(std::shared_ptr<connection_pool> pool, table_definition definition)
    : pool_(std::move(pool)),
      name_(std::move(definition.name)),
      schema_(std::move(definition.schema)),
      indexes_(std::move(definition.indexes)) {
    const std::string quoted = item_table_name(name_);
    get_sql_ = "SELECT item FROM " + quoted + " WHERE hk = ?1 AND rk = ?2";
    put_sql_ = "INSERT OR REPLACE INTO " + quoted + " (hk, rk, item) VALUES (?1, ?2, ?3)";
    erase_sql_ = "DELETE FROM " + quoted + " WHERE hk = ?1 AND rk = ?2";
    scan_sql_ = "SELECT item FROM " + quoted + " ORDER BY hk, rk";
    scan_after_sql_ = "SELECT item FROM " + quoted + " WHERE (hk, rk) > (?1, ?2) ORDER BY hk, rk";
}

std::string sqlite_table::create_sql(const std::string& name) {
    return "CREATE TABLE IF NOT EXISTS " + item_table_name(name) +
           " (hk BLOB NOT NULL, rk BLOB NOT NULL, item TEXT NOT NULL, PRIMARY KEY (hk, rk))"
           " WITHOUT ROWID";
}

std::string sqlite_table::create_index_sql(const std::string& name, const std::string& index) {
    return "CREATE TABLE IF NOT EXISTS " + index_table_name(name, index) +
           " (hk BLOB NOT NULL, rk BLOB NOT NULL, thk BLOB NOT NULL, trk BLOB NOT NULL,"
           " PRIMARY KEY (hk, rk, thk, trk)) WITHOUT ROWID";
}

table_error to_table_error(const sqlite_error& error) {
    if (error.missing_table()) {
        return table_error("ResourceNotFoundException", "Requested resource not found");
    }
    return table_error("InternalServerError", error.what());
}

void sqlite_table::check_not_deleted() const {
    if (deleted_) {
        throw table_error("ResourceNotFoundException", "Requested resource not found");
    }
}

std::vector<index_definition> sqlite_table::indexes() const {
    std::lock_guard lock(indexes_mutex_);
    return indexes_;
}

void sqlite_table::set_indexes(std::vector<index_definition> indexes) {
    std::lock_guard lock(indexes_mutex_);
    indexes_ = std::move(indexes);
}

std::optional<item> sqlite_table::read_in(connection& db, const encoded_key& key) {
    statement& query = db.cached(get_sql_, "get_item");
    statement_reset reset(query);
    query.bind_blob(1, key.hash);
    query.bind_blob(2, key.range);
    if (!query.step()) {
        return std::nullopt;
    }
    return item_from_dynamodb_json(query.column_text(0));
}

std::optional<item> sqlite_table::get(const item& key) {
    check_not_deleted();
    const encoded_key encoded = encode_lookup_key(schema_, key, key_mismatch);
    return translate_sqlite_errors(
        [&] { return pool_->read([&](connection& reader) { return read_in(reader, encoded); }); });
}

void sqlite_table::put(const item& value) {
    check_not_deleted();
    const encoded_key encoded = encode_item_key(schema_, value);
    check_item_for_write(indexes(), value);
    translate_sqlite_errors([&] {
        pool_->transact([&](connection& writer) {
            write_in(writer, encoded, read_in(writer, encoded), &value);
        });
    });
}

bool sqlite_table::erase(const item& key) {
    check_not_deleted();
    const encoded_key encoded = encode_lookup_key(schema_, key, key_mismatch);
    return translate_sqlite_errors([&] {
        return pool_->transact([&](connection& writer) {
            const auto previous = read_in(writer, encoded);
            if (previous) {
                write_in(writer, encoded, previous, nullptr);
            }
            return previous.has_value();
        });
    });
}

scan_page sqlite_table::scan(const std::optional<item>& exclusive_start_key, std::size_t limit) {
    check_not_deleted();
    if (limit == 0) {
        throw table_error("ValidationException",
                          "1 validation error detected: Value '0' at 'limit' failed to satisfy "
                          "constraint: Member must have value greater than or equal to 1");
    }
    std::optional<encoded_key> start;
    if (exclusive_start_key) {
        start = encode_lookup_key(
            schema_, *exclusive_start_key,
            "The provided starting key is invalid: The provided key element does not match the "
            "schema");
    }
    return translate_sqlite_errors([&] {
        return pool_->read([&](connection& reader) {
            return read_page(reader, start ? &*start : nullptr, limit);
        });
    });
}

// As in DynamoDB's Scan, a page that stops at `limit` items or at 1 MB carries the key of its
// last item, even when no item follows. Only a page that reaches the end of the table has none.
scan_page sqlite_table::read_page(connection& reader, const encoded_key* start, std::size_t limit) {
    statement& query =
        start ? reader.cached(scan_after_sql_, "scan_after_key") : reader.cached(scan_sql_, "scan");
    statement_reset reset(query);
    if (start) {
        query.bind_blob(1, start->hash);
        query.bind_blob(2, start->range);
    }
    scan_page page;
    std::size_t bytes_read = 0;
    while (query.step()) {
        page.items.push_back(item_from_dynamodb_json(query.column_text(0)));
        bytes_read += item_size(page.items.back());
        if (page.items.size() >= limit || bytes_read >= max_scan_page_bytes) {
            page.last_evaluated_key = extract_key(schema_, page.items.back());
            break;
        }
    }
    return page;
}

range_page sqlite_table::read_range(const range_request& request) {
    check_not_deleted();
    return translate_sqlite_errors([&] {
        return pool_->read([&](connection& reader) { return read_range_in(reader, request); });
    });
}

}  // namespace lambdad::storage
