#pragma once

#include "lambdad/table.hpp"
#include "storage/connection_pool.hpp"
#include "storage/key_validation.hpp"

#include <memory>
#include <string>

namespace lambdad::storage {

/// The maximum item data that one scan page reads, 1 MB, as in DynamoDB's Scan.
inline constexpr std::size_t max_scan_page_bytes = 1024 * 1024;

/// A DynamoDB table kept in the SQLite table `items_<name>`:
/// `(hk BLOB, rk BLOB, item TEXT, PRIMARY KEY (hk, rk)) WITHOUT ROWID`, where hk and rk are the
/// encoded key values (rk empty without a range key) and item is the DynamoDB JSON text.
///
/// Thread-safe: reads use the pool's readers, writes its writer.
class sqlite_table : public table {
public:
    /// Wraps an existing SQLite table; database::ensure_table creates it.
    sqlite_table(std::shared_ptr<connection_pool> pool, std::string name, key_schema schema);

    /// The SQL that creates the SQLite table of DynamoDB table `name`.
    static std::string create_sql(const std::string& name);

    const std::string& name() const override { return name_; }
    const key_schema& schema() const override { return schema_; }
    std::optional<item> get(const item& key) override;
    void put(const item& value) override;
    bool erase(const item& key) override;
    scan_page scan(const std::optional<item>& exclusive_start_key, std::size_t limit) override;

private:
    scan_page read_page(connection& reader, const encoded_key* start, std::size_t limit);

    std::shared_ptr<connection_pool> pool_;
    std::string name_;
    key_schema schema_;
    std::string get_sql_;
    std::string put_sql_;
    std::string erase_sql_;
    std::string scan_sql_;
    std::string scan_after_sql_;
};

}  // namespace lambdad::storage
