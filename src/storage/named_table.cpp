#include "storage/named_table.hpp"

#include <utility>

namespace lambdad::storage {

named_table::named_table(std::shared_ptr<sqlite_table> current, resolver resolve)
    : name_(current->name()), resolve_(std::move(resolve)), current_(std::move(current)) {}

std::shared_ptr<sqlite_table> named_table::current() const {
    std::unique_lock lock(mutex_);
    if (!current_->deleted()) {
        return current_;
    }
    lock.unlock();
    // Resolving reads the catalogue, so it runs without the lock. While the table is missing
    // this throws and the deleted table stays held, so the next call looks it up again.
    std::shared_ptr<sqlite_table> replacement = resolve_(name_);
    lock.lock();
    if (current_ != replacement) {
        retired_.push_back(std::move(current_));
        current_ = replacement;
    }
    return replacement;
}

const key_schema& named_table::schema() const {
    // The table object stays alive in `current_` or `retired_` while this handle lives.
    return current()->schema();
}

std::optional<item> named_table::get(const item& key) {
    return current()->get(key);
}

void named_table::put(const item& value) {
    current()->put(value);
}

bool named_table::erase(const item& key) {
    return current()->erase(key);
}

scan_page named_table::scan(const std::optional<item>& exclusive_start_key, std::size_t limit) {
    return current()->scan(exclusive_start_key, limit);
}

std::optional<item> named_table::put(const item& value, const write_options& options) {
    return current()->put(value, options);
}

std::optional<item> named_table::erase(const item& key, const write_options& options) {
    return current()->erase(key, options);
}

item named_table::update(const item& key, const std::string& update_expression,
                         const write_options& options) {
    return current()->update(key, update_expression, options);
}

query_page named_table::query(const query_request& request) {
    return current()->query(request);
}

}  // namespace lambdad::storage
