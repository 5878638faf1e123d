#include "dynamodb/ttl_sweeper.hpp"

#include "dynamodb/service_logger.hpp"
#include "storage/decimal.hpp"
#include "storage/key_validation.hpp"

#include <chrono>
#include <cstdlib>
#include <limits>

namespace lambdad::dynamodb {
namespace {

constexpr auto sweep_interval = std::chrono::seconds(1);
// DynamoDB Developer Guide ("Time to Live"): items whose TTL value is more than five years in
// the past are not deleted, as the value is likely not a TTL in seconds.
constexpr double five_years_seconds = 5 * 365.25 * 24 * 3600;
// Items read per page while looking for expired ones.
constexpr std::size_t sweep_page_items = 1000;

bool is_expired(const item& value, const std::string& attribute, double now_seconds) {
    const auto found = value.find(attribute);
    if (found == value.end() || found->second.type() != attribute_value::kind::N) {
        return false;
    }
    const double expires = std::strtod(found->second.scalar().c_str(), nullptr);
    return expires <= now_seconds && expires >= now_seconds - five_years_seconds;
}

std::size_t expire_table(operation_context& context, const table_info& table,
                         const std::string& attribute, double now_seconds) {
    std::size_t deleted = 0;
    storage::range_request request;
    request.limit = sweep_page_items;
    while (true) {
        const auto page = table.table->read_range(request);
        std::vector<storage::encoded_key> expired;
        for (const auto& value : page.items) {
            if (is_expired(value, attribute, now_seconds)) {
                expired.push_back(storage::encode_item_key(table.schema(), value));
            }
        }
        context.database.pool().transact([&](storage::connection& writer) {
            for (const auto& key : expired) {
                // Checked again inside the transaction: the item may have changed since.
                const auto current = table.table->read_in(writer, key);
                if (current && is_expired(*current, attribute, now_seconds)) {
                    table.table->write_in(writer, key, current, nullptr);
                    ++deleted;
                }
            }
        });
        if (!page.stopped_early || page.items.empty()) {
            return deleted;
        }
        const auto last = storage::encode_item_key(table.schema(), page.items.back());
        request.after = std::vector<std::string>{last.hash, last.range};
    }
}

}  // namespace

std::size_t delete_expired_items(operation_context& context, double now_seconds) {
    std::size_t deleted = 0;
    for (const auto& name : context.database.table_names()) {
        try {
            const auto table = context.tables.get(name);
            if (const auto attribute = table->ttl_attribute()) {
                deleted += expire_table(context, *table, *attribute, now_seconds);
            }
        } catch (const std::exception& error) {
            // A table deleted during the sweep, or a failed read: the next sweep tries again.
            service_logger()->debug("TTL sweep skipped a table. table={} error={}", name,
                                    error.what());
        }
    }
    return deleted;
}

ttl_sweeper::ttl_sweeper(std::function<std::size_t()> sweep)
    : sweep_(std::move(sweep)), thread_([this] { run(); }) {}

ttl_sweeper::~ttl_sweeper() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

double ttl_sweeper::now_seconds() {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    return std::chrono::duration<double>(now).count();
}

void ttl_sweeper::run() {
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, sweep_interval, [this] { return stopping_; })) {
        lock.unlock();
        try {
            const std::size_t deleted = sweep_();
            if (deleted > 0) {
                service_logger()->info("Deleted items whose TTL expired. items={}", deleted);
            }
        } catch (const std::exception& error) {
            service_logger()->error("TTL sweep failed. error={}", error.what());
        }
        lock.lock();
    }
}

}  // namespace lambdad::dynamodb
