#include "storage/connection_pool.hpp"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <stdexcept>

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

// Switches the database to WAL and returns the journal mode. This is the first access to the
// file, so it is where a lock held by another process shows: it fails at once then, naming
// the path, instead of waiting for the busy timeout.
std::string enable_wal(connection& writer, const std::string& path) {
    writer.execute("PRAGMA busy_timeout = 0", "busy_timeout");
    try {
        std::string mode = query_text(writer, "PRAGMA journal_mode = WAL", "journal_mode");
        writer.execute(busy_timeout_pragma, "busy_timeout");
        return mode;
    } catch (const sqlite_error& error) {
        if ((error.code() & 0xff) != SQLITE_BUSY) {
            throw;
        }
        throw std::runtime_error("the database " + path +
                                 " is in use by another process, such as another lambdad "
                                 "serving the same data directory");
    }
}

}  // namespace

connection_pool::connection_pool(std::string path)
    : path_(std::move(path)), in_memory_(path_ == ":memory:") {
    writer_ = std::make_unique<connection>(path_);
    writer_->execute(busy_timeout_pragma, "busy_timeout");
    if (in_memory_) {
        journal_mode_ = query_text(*writer_, "PRAGMA journal_mode", "journal_mode");
        return;
    }
    journal_mode_ = enable_wal(*writer_, path_);
    // In WAL mode with synchronous=NORMAL, sqlite3_step returns only after the commit has been
    // written to the WAL file through the operating system, so an acknowledged write survives
    // the process being killed. The WAL is synced to disk only at checkpoints, so a power loss
    // or an OS crash may lose the most recent commits.
    writer_->execute("PRAGMA synchronous = NORMAL", "synchronous");
}

std::unique_ptr<connection> connection_pool::open_reader() const {
    auto reader = std::make_unique<connection>(path_);
    reader->execute(busy_timeout_pragma, "busy_timeout");
    reader->execute("PRAGMA query_only = 1", "query_only");
    return reader;
}

void connection_pool::roll_back(connection& writer) noexcept {
    try {
        writer.execute("ROLLBACK", "rollback");
    } catch (const std::exception& error) {
        if (const auto log = spdlog::get("lambdad")) {
            log->error("Rolling back a transaction failed. error={}", error.what());
        }
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
