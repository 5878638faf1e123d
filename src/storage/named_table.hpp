#pragma once

#include "lambdad/table.hpp"
#include "storage/sqlite_table.hpp"

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace lambdad::storage {

/// The table that a function module holds: every call goes to the table that has the name
/// now. A DynamoDB SDK client resolves a table by name on each request, so after DeleteTable
/// and CreateTable through the DynamoDB API a function reaches the new table, as on AWS.
/// Calls between the two get ResourceNotFoundException from the deleted table.
class named_table : public table {
public:
    /// Finds the current table of a name; throws table_error (ResourceNotFoundException) when
    /// there is none.
    using resolver = std::function<std::shared_ptr<sqlite_table>(std::string_view)>;

    named_table(std::shared_ptr<sqlite_table> current, resolver resolve);

    const std::string& name() const override { return name_; }
    const key_schema& schema() const override;
    std::optional<item> get(const item& key) override;
    void put(const item& value) override;
    bool erase(const item& key) override;
    scan_page scan(const std::optional<item>& exclusive_start_key, std::size_t limit) override;
    std::optional<item> put(const item& value, const write_options& options) override;
    std::optional<item> erase(const item& key, const write_options& options) override;
    item update(const item& key, const std::string& update_expression,
                const write_options& options) override;
    query_page query(const query_request& request) override;

private:
    /// The table with this name now, looked up again once the one held was deleted.
    std::shared_ptr<sqlite_table> current() const;

    std::string name_;
    resolver resolve_;
    mutable std::mutex mutex_;
    mutable std::shared_ptr<sqlite_table> current_;  // guarded by `mutex_`
    // Tables this handle moved away from, kept so that references from schema() stay valid for
    // the handle's lifetime. Guarded by `mutex_`.
    mutable std::vector<std::shared_ptr<sqlite_table>> retired_;
};

}  // namespace lambdad::storage
