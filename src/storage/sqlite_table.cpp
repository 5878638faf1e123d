#include "storage/sqlite_table.hpp"

#include "storage/item_json.hpp"
#include "storage/item_size.hpp"
#include "storage/key_validation.hpp"

namespace lambdad::storage {
namespace {

constexpr std::string_view key_mismatch = "The provided key element does not match the schema";

// Table names contain only [a-zA-Z0-9_.-] (database::ensure_table checks), so quoting is enough.
std::string quoted_table(const std::string& name) {
    return "\"items_" + name + "\"";
}

// Turns SQLite failures into DynamoDB's server error; the SQLite detail stays in the message.
template <typename Work>
auto translate_errors(Work&& work) {
    try {
        return work();
    } catch (const sqlite_error& error) {
        throw table_error("InternalServerError", error.what());
    }
}

}  // namespace

sqlite_table::sqlite_table(std::shared_ptr<connection_pool> pool, std::string name,
                           key_schema schema)
    : pool_(std::move(pool)), name_(std::move(name)), schema_(std::move(schema)) {
    const std::string quoted = quoted_table(name_);
    get_sql_ = "SELECT item FROM " + quoted + " WHERE hk = ?1 AND rk = ?2";
    put_sql_ = "INSERT OR REPLACE INTO " + quoted + " (hk, rk, item) VALUES (?1, ?2, ?3)";
    erase_sql_ = "DELETE FROM " + quoted + " WHERE hk = ?1 AND rk = ?2";
    scan_sql_ = "SELECT item FROM " + quoted + " ORDER BY hk, rk";
    scan_after_sql_ = "SELECT item FROM " + quoted + " WHERE (hk, rk) > (?1, ?2) ORDER BY hk, rk";
}

std::string sqlite_table::create_sql(const std::string& name) {
    return "CREATE TABLE IF NOT EXISTS " + quoted_table(name) +
           " (hk BLOB NOT NULL, rk BLOB NOT NULL, item TEXT NOT NULL, PRIMARY KEY (hk, rk))"
           " WITHOUT ROWID";
}

std::optional<item> sqlite_table::get(const item& key) {
    const encoded_key encoded = encode_lookup_key(schema_, key, key_mismatch);
    return translate_errors([&] {
        return pool_->read([&](connection& reader) -> std::optional<item> {
            statement& query = reader.cached(get_sql_, "get_item");
            statement_reset reset(query);
            query.bind_blob(1, encoded.hash);
            query.bind_blob(2, encoded.range);
            if (!query.step()) {
                return std::nullopt;
            }
            return item_from_dynamodb_json(query.column_text(0));
        });
    });
}

void sqlite_table::put(const item& value) {
    const encoded_key encoded = encode_item_key(schema_, value);
    if (item_size(value) > max_item_size_bytes) {
        throw table_error("ValidationException", "Item size has exceeded the maximum allowed size");
    }
    const std::string text = to_dynamodb_json(value);
    // Outside an explicit transaction each statement commits on its own, so the write is
    // committed when step() returns.
    translate_errors([&] {
        pool_->write([&](connection& writer) {
            statement& insert = writer.cached(put_sql_, "put_item");
            statement_reset reset(insert);
            insert.bind_blob(1, encoded.hash);
            insert.bind_blob(2, encoded.range);
            insert.bind_text(3, text);
            insert.step();
        });
    });
}

bool sqlite_table::erase(const item& key) {
    const encoded_key encoded = encode_lookup_key(schema_, key, key_mismatch);
    return translate_errors([&] {
        return pool_->write([&](connection& writer) {
            statement& remove = writer.cached(erase_sql_, "delete_item");
            statement_reset reset(remove);
            remove.bind_blob(1, encoded.hash);
            remove.bind_blob(2, encoded.range);
            remove.step();
            return writer.changes() > 0;
        });
    });
}

scan_page sqlite_table::scan(const std::optional<item>& exclusive_start_key, std::size_t limit) {
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
    return translate_errors([&] {
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

}  // namespace lambdad::storage
