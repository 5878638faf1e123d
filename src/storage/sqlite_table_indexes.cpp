// Index maintenance of sqlite_table: every write updates the entries of every secondary index
// in the same transaction as the item.

#include "storage/item_json.hpp"
#include "storage/key_encoding.hpp"
#include "storage/sqlite_table.hpp"

namespace lambdad::storage {
namespace {

// The encoded key of an item in an index, or nothing when the item lacks an index key
// attribute or has one of another type: DynamoDB leaves such items out of the index (sparse
// indexes). The DynamoDB API rejects wrong types before it writes.
std::optional<encoded_key> index_key(const key_schema& schema, const item& value) {
    const auto encode = [&](const key_attribute& attribute) -> std::optional<std::string> {
        const auto found = value.find(attribute.name);
        if (found == value.end() || found->second.type() != attribute.type) {
            return std::nullopt;
        }
        return encode_key(found->second);
    };
    encoded_key key;
    auto hash = encode(schema.hash_key);
    if (!hash) {
        return std::nullopt;
    }
    key.hash = std::move(*hash);
    if (schema.range_key) {
        auto range = encode(*schema.range_key);
        if (!range) {
            return std::nullopt;
        }
        key.range = std::move(*range);
    }
    return key;
}

void run_entry_statement(connection& writer, const std::string& sql, std::string_view name,
                         const encoded_key& index, const encoded_key& table) {
    statement& entry = writer.cached(sql, name);
    statement_reset reset(entry);
    entry.bind_blob(1, index.hash);
    entry.bind_blob(2, index.range);
    entry.bind_blob(3, table.hash);
    entry.bind_blob(4, table.range);
    entry.step();
}

std::string insert_entry_sql(const std::string& table, const std::string& index) {
    return "INSERT OR REPLACE INTO " + sqlite_table::index_table_name(table, index) +
           " (hk, rk, thk, trk) VALUES (?1, ?2, ?3, ?4)";
}

std::string delete_entry_sql(const std::string& table, const std::string& index) {
    return "DELETE FROM " + sqlite_table::index_table_name(table, index) +
           " WHERE hk = ?1 AND rk = ?2 AND thk = ?3 AND trk = ?4";
}

}  // namespace

void sqlite_table::write_in(connection& writer, const encoded_key& key,
                            const std::optional<item>& previous, const item* replacement) {
    if (replacement) {
        const std::string text = to_dynamodb_json(*replacement);
        statement& insert = writer.cached(put_sql_, "put_item");
        statement_reset reset(insert);
        insert.bind_blob(1, key.hash);
        insert.bind_blob(2, key.range);
        insert.bind_text(3, text);
        insert.step();
    } else {
        statement& remove = writer.cached(erase_sql_, "delete_item");
        statement_reset reset(remove);
        remove.bind_blob(1, key.hash);
        remove.bind_blob(2, key.range);
        remove.step();
    }
    for (const auto& index : indexes()) {
        if (previous) {
            if (const auto old_entry = index_key(index.schema, *previous)) {
                run_entry_statement(writer, delete_entry_sql(name_, index.name), "delete_entry",
                                    *old_entry, key);
            }
        }
        if (replacement) {
            if (const auto new_entry = index_key(index.schema, *replacement)) {
                run_entry_statement(writer, insert_entry_sql(name_, index.name), "insert_entry",
                                    *new_entry, key);
            }
        }
    }
}

void sqlite_table::fill_index_in(connection& writer, const index_definition& index) {
    statement& query =
        writer.cached("SELECT hk, rk, item FROM " + item_table_name(name_), "index_fill_scan");
    statement_reset reset(query);
    const std::string insert_sql = insert_entry_sql(name_, index.name);
    while (query.step()) {
        const encoded_key table_key{std::string(query.column_blob(0)),
                                    std::string(query.column_blob(1))};
        if (const auto entry =
                index_key(index.schema, item_from_dynamodb_json(query.column_text(2)))) {
            run_entry_statement(writer, insert_sql, "insert_entry", *entry, table_key);
        }
    }
}

}  // namespace lambdad::storage
