#pragma once

#include "lambdad/table.hpp"
#include "storage/connection_pool.hpp"
#include "storage/key_validation.hpp"
#include "storage/table_definition.hpp"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace lambdad::dynamodb::expr {
class condition;
}  // namespace lambdad::dynamodb::expr

namespace lambdad::storage {

/// Returns the table_error for a failed SQLite call on a table: ResourceNotFoundException when
/// the table was dropped after it was looked up, or else InternalServerError with the detail.
table_error to_table_error(const sqlite_error& error);

/// Runs `work` and turns SQLite failures into table errors (see to_table_error()).
template <typename Work>
auto translate_sqlite_errors(Work&& work) {
    try {
        return work();
    } catch (const sqlite_error& error) {
        throw to_table_error(error);
    }
}

/// The maximum item data that one scan page reads, 1 MB, as in DynamoDB's Scan.
inline constexpr std::size_t max_scan_page_bytes = 1024 * 1024;

/// One end of a key range: encoded key bytes, and whether the range includes them.
struct key_bound {
    std::string bytes;
    bool inclusive = true;
};

/// A read of a table or index in key order: a Query when `hash` is set, else a Scan.
struct range_request {
    /// The index to read; the table itself when absent.
    std::optional<index_definition> index;
    /// The encoded hash key value of a Query.
    std::optional<std::string> hash;
    /// Bounds on the encoded range key of a Query.
    std::optional<key_bound> lower;
    std::optional<key_bound> upper;
    /// Ascending range key order; a Scan is always ascending.
    bool forward = true;
    /// The exclusive start position: the encoded (hash, range) of the table, or for an index
    /// (index hash, index range, table hash, table range), with empty range keys where a schema
    /// has none.
    std::optional<std::vector<std::string>> after;
    /// The maximum number of items to read (at least 1).
    std::size_t limit = 1;
    /// Parallel Scan: read only the items whose hash key falls in `segment` of
    /// `total_segments`.
    std::uint32_t segment = 0;
    std::uint32_t total_segments = 1;
};

/// The items that a range read returned, in read order.
struct range_page {
    std::vector<item> items;
    /// Whether the read stopped at the item limit or at 1 MB rather than at the end.
    bool stopped_early = false;
};

/// A DynamoDB table kept in the SQLite table `items_<name>`:
/// `(hk BLOB, rk BLOB, item TEXT, PRIMARY KEY (hk, rk)) WITHOUT ROWID`, where hk and rk are the
/// encoded key values (rk empty without a range key) and item is the DynamoDB JSON text.
/// Each secondary index is a SQLite table `index_<table>/<index>` of
/// `(hk, rk, thk, trk)`: the encoded index keys and the table keys of each item that has the
/// index's key attributes.
///
/// Thread-safe: reads use the pool's readers, writes its writer.
class sqlite_table : public table {
public:
    /// Wraps existing SQLite tables; database creates them.
    sqlite_table(std::shared_ptr<connection_pool> pool, table_definition definition);

    /// The SQL that creates the SQLite table of DynamoDB table `name`.
    static std::string create_sql(const std::string& name);
    /// The SQL that creates the SQLite table of index `index` of table `name`.
    static std::string create_index_sql(const std::string& name, const std::string& index);
    /// The quoted SQLite names of the item table and of one index table.
    static std::string item_table_name(const std::string& name);
    static std::string index_table_name(const std::string& name, const std::string& index);

    const std::string& name() const override { return name_; }
    const key_schema& schema() const override { return schema_; }
    std::optional<item> get(const item& key) override;
    void put(const item& value) override;
    bool erase(const item& key) override;
    scan_page scan(const std::optional<item>& exclusive_start_key, std::size_t limit) override;
    std::optional<item> put(const item& value, const write_options& options) override;
    std::optional<item> erase(const item& key, const write_options& options) override;
    item update(const item& key, const std::string& update_expression,
                const write_options& options) override;
    query_page query(const query_request& request) override;

    /// The table's secondary indexes now.
    std::vector<index_definition> indexes() const;
    /// Replaces the index list after the database changed the indexes.
    void set_indexes(std::vector<index_definition> indexes);
    /// Marks the table deleted: later calls through this object fail with
    /// ResourceNotFoundException.
    void mark_deleted() { deleted_ = true; }
    /// Whether the table was deleted.
    bool deleted() const { return deleted_; }

    /// Reads the item with `key` on a connection inside the caller's write transaction.
    std::optional<item> read_in(connection& writer, const encoded_key& key);
    /// Stores `replacement` under `key`, or deletes the item when it is null, and updates every
    /// index entry, inside the caller's write transaction. `previous` is the item stored now.
    void write_in(connection& writer, const encoded_key& key, const std::optional<item>& previous,
                  const item* replacement);
    /// Adds the entries of every stored item to a new index, inside the caller's transaction.
    void fill_index_in(connection& writer, const index_definition& index);

    /// Reads items in key order from the table or an index. Throws table_error
    /// (InternalServerError) when SQLite fails.
    range_page read_range(const range_request& request);
    /// Counts the items and bytes of the table, or of one index.
    table_statistics statistics(const std::optional<std::string>& index);

private:
    scan_page read_page(connection& reader, const encoded_key* start, std::size_t limit);
    range_page read_range_in(connection& reader, const range_request& request);
    void check_not_deleted() const;
    std::optional<index_definition> find_index(const std::string& name) const;
    query_page read_query_page(const range_request& range,
                               const std::optional<dynamodb::expr::condition>& filter);

    std::shared_ptr<connection_pool> pool_;
    std::string name_;
    key_schema schema_;
    std::atomic<bool> deleted_{false};
    mutable std::mutex indexes_mutex_;
    std::vector<index_definition> indexes_;  // guarded by indexes_mutex_
    std::string get_sql_;
    std::string put_sql_;
    std::string erase_sql_;
    std::string scan_sql_;
    std::string scan_after_sql_;
};

}  // namespace lambdad::storage
