#include "storage/connection_pool.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>
#include <string_view>

namespace lambdad::storage {
namespace {

// How long a connection waits for another connection's lock (a checkpoint, a writer in another
// process) before failing with SQLITE_BUSY.
constexpr const char* busy_timeout_pragma = "PRAGMA busy_timeout = 5000";

std::string query_text(connection& db, const std::string& sql, std::string_view name) {
    statement& query = db.cached(sql, name);
    statement_reset reset(query);
    if (!query.step()) {
        return {};
    }
    return std::string(query.column_text(0));
}

/// The maximum number of writes in one group; later ones wait for the next group.
constexpr std::size_t max_group_size = 64;

/// The pool whose run_batch() this thread is running, if any.
thread_local const connection_pool* batch_pool = nullptr;
/// Whether a failed write of this thread's open batch could not be undone.
thread_local bool batch_broken = false;

void log_group_error(std::string_view message, const std::exception& error) {
    if (const auto log = spdlog::get("lambdad")) {
        log->error("{} error={}", message, error.what());
    }
}

}  // namespace

connection_pool::connection_pool(std::string path, anchor_timing timing)
    : path_(std::move(path)), in_memory_(path_ == ":memory:") {
    writer_ = std::make_unique<connection>(path_);
    writer_->execute(busy_timeout_pragma, "busy_timeout");
    if (in_memory_) {
        journal_mode_ = query_text(*writer_, "PRAGMA journal_mode", "journal_mode");
        return;
    }
    journal_mode_ = query_text(*writer_, "PRAGMA journal_mode = WAL", "journal_mode");
    // In WAL mode with synchronous=NORMAL, sqlite3_step returns only after the commit has been
    // written to the WAL file through the operating system, so an acknowledged write survives
    // the process being killed. The WAL is synced to disk only at checkpoints, so a power loss
    // or an OS crash may lose the most recent commits.
    writer_->execute("PRAGMA synchronous = NORMAL", "synchronous");
    // In rollback-journal mode, which SQLite falls back to where WAL is not possible, a held
    // read transaction would lock writers out, so there is no anchor.
    if (journal_mode_ == "wal") {
        anchor_ = std::make_unique<read_anchor>(std::make_unique<connection>(path_), timing);
    }
}

std::unique_ptr<connection> connection_pool::open_reader() const {
    auto reader = std::make_unique<connection>(path_);
    reader->execute(busy_timeout_pragma, "busy_timeout");
    reader->execute("PRAGMA query_only = 1", "query_only");
    return reader;
}

void connection_pool::roll_back(connection& writer) noexcept {
    try {
        writer.run_cached("ROLLBACK", "rollback");
    } catch (const std::exception& error) {
        if (const auto log = spdlog::get("lambdad")) {
            log->error("Rolling back a transaction failed. error={}", error.what());
        }
    }
}

bool connection_pool::batch_open_here() const {
    return batch_pool == this;
}

void connection_pool::commit(std::function<void(connection&)> work) {
    if (!batch_open_here()) {
        commit_with_group(std::move(work));
        return;
    }
    pending_write write{std::move(work)};
    if (!run_in_savepoint(*writer_, write)) {
        batch_broken = true;
    }
    if (write.error) {
        std::rethrow_exception(write.error);
    }
}

void connection_pool::run_batch(const std::function<void()>& body) {
    std::lock_guard lock(writer_mutex_);
    writing_scope writing(anchor_.get());
    writer_->run_cached("BEGIN IMMEDIATE", "begin");
    batch_pool = this;
    batch_broken = false;
    try {
        body();
        batch_pool = nullptr;
        if (batch_broken) {
            throw std::runtime_error("a write of the batch failed and could not be undone");
        }
        writer_->run_cached("COMMIT", "commit");
    } catch (...) {
        batch_pool = nullptr;
        roll_back(*writer_);
        throw;
    }
}

void connection_pool::commit_with_group(std::function<void(connection&)> work) {
    pending_write mine{std::move(work)};
    std::unique_lock lock(group_mutex_);
    waiting_writes_.push_back(&mine);
    while (!mine.done) {
        if (group_running_) {
            mine.wake.wait(lock);
            continue;
        }
        // No group is being committed, so this caller commits the oldest waiting writes. They
        // include its own unless more than a full group came before it.
        group_running_ = true;
        const auto count =
            static_cast<std::ptrdiff_t>(std::min(waiting_writes_.size(), max_group_size));
        std::vector<pending_write*> group(waiting_writes_.begin(), waiting_writes_.begin() + count);
        waiting_writes_.erase(waiting_writes_.begin(), waiting_writes_.begin() + count);
        lock.unlock();
        commit_group(group);
        lock.lock();
        group_running_ = false;
        // Each caller in the group returns, and the oldest waiting one leads the next group.
        // The lock is held while notifying, because a woken caller's entry dies when it returns.
        for (pending_write* each : group) {
            each->done = true;
            each->wake.notify_one();
        }
        if (!waiting_writes_.empty()) {
            waiting_writes_.front()->wake.notify_one();
        }
    }
    if (mine.error) {
        std::rethrow_exception(mine.error);
    }
}

void connection_pool::commit_group(const std::vector<pending_write*>& group) {
    std::lock_guard lock(writer_mutex_);
    writing_scope writing(anchor_.get());
    connection& writer = *writer_;
    try {
        writer.run_cached("BEGIN IMMEDIATE", "begin");
    } catch (...) {
        for (pending_write* each : group) {
            each->error = std::current_exception();
        }
        return;
    }
    bool intact = true;
    for (pending_write* each : group) {
        intact = group.size() == 1 ? run_alone(writer, *each) : run_in_savepoint(writer, *each);
        if (!intact) {
            break;
        }
    }
    try {
        if (!intact) {
            throw std::runtime_error("a write of the same group failed and could not be undone");
        }
        writer.run_cached("COMMIT", "commit");
    } catch (...) {
        // Works that succeeded get the commit's error, and a work that failed keeps its own.
        const auto error = std::current_exception();
        roll_back(writer);
        for (pending_write* each : group) {
            if (!each->error) {
                each->error = error;
            }
        }
    }
}

bool connection_pool::run_alone(connection& writer, pending_write& write) {
    try {
        write.work(writer);
        return true;
    } catch (...) {
        // Nothing else shares the transaction, so the caller rolls all of it back.
        write.error = std::current_exception();
        return false;
    }
}

bool connection_pool::run_in_savepoint(connection& writer, pending_write& write) {
    try {
        writer.run_cached("SAVEPOINT group_member", "savepoint");
        write.work(writer);
        writer.run_cached("RELEASE group_member", "release");
        return true;
    } catch (...) {
        write.error = std::current_exception();
    }
    try {
        writer.run_cached("ROLLBACK TO group_member", "rollback_to_savepoint");
        writer.run_cached("RELEASE group_member", "release");
        return true;
    } catch (const std::exception& error) {
        log_group_error("Undoing one write of a group failed; the group rolls back.", error);
        return false;
    }
}

connection_pool::reader_lease::reader_lease(connection_pool& owner) : pool(owner) {
    {
        std::lock_guard lock(pool.readers_mutex_);
        if (!pool.idle_readers_.empty()) {
            reader = std::move(pool.idle_readers_.back());
            pool.idle_readers_.pop_back();
            return;
        }
    }
    reader = pool.open_reader();
}

connection_pool::reader_lease::~reader_lease() {
    std::lock_guard lock(pool.readers_mutex_);
    pool.idle_readers_.push_back(std::move(reader));
}

}  // namespace lambdad::storage
