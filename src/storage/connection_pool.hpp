#pragma once

#include "storage/sqlite.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

namespace lambdad::storage {

/// The connections to lambdad's database: one writer guarded by a mutex, and a pool of readers
/// that WAL mode lets run alongside the writer and each other.
///
/// An in-memory database lives in one connection, so there reads take the writer's mutex.
/// Thread-safe.
class connection_pool {
public:
    /// Opens the writer on `path` and configures the database: WAL for a file, or the memory
    /// journal for ":memory:". Throws sqlite_error.
    explicit connection_pool(std::string path);

    /// Runs `work(connection&)` on the writer while holding its mutex, and returns its result.
    template <typename Work>
    auto write(Work&& work) {
        std::lock_guard lock(writer_mutex_);
        return work(*writer_);
    }

    /// Runs `work(connection&)` on the writer inside one IMMEDIATE transaction, and returns its
    /// result. The transaction commits when `work` returns and rolls back when it throws, so
    /// the writes are durable (see the constructor) when this returns.
    template <typename Work>
    auto transact(Work&& work) {
        return write([&](connection& writer) {
            writer.execute("BEGIN IMMEDIATE", "begin");
            try {
                if constexpr (std::is_void_v<decltype(work(writer))>) {
                    work(writer);
                    writer.execute("COMMIT", "commit");
                } else {
                    auto result = work(writer);
                    writer.execute("COMMIT", "commit");
                    return result;
                }
            } catch (...) {
                roll_back(writer);
                throw;
            }
        });
    }

    /// Runs `work(connection&)` on a reader from the pool, and returns its result.
    template <typename Work>
    auto read(Work&& work) {
        if (in_memory_) {
            return write(std::forward<Work>(work));
        }
        reader_lease lease(*this);
        return work(*lease.reader);
    }

    /// The database path, or ":memory:".
    const std::string& path() const { return path_; }
    /// SQLite's journal mode: "wal" for a file, "memory" in memory.
    const std::string& journal_mode() const { return journal_mode_; }

private:
    // Takes a reader from the pool, or opens one when all are in use, and returns it on exit.
    struct reader_lease {
        explicit reader_lease(connection_pool& pool);
        ~reader_lease();
        reader_lease(const reader_lease&) = delete;
        reader_lease& operator=(const reader_lease&) = delete;

        connection_pool& pool;
        std::unique_ptr<connection> reader;
    };

    std::unique_ptr<connection> open_reader() const;
    // Rolls back the open transaction; logs instead of throwing, as it runs while unwinding.
    static void roll_back(connection& writer) noexcept;

    std::string path_;
    bool in_memory_;
    std::string journal_mode_;
    std::mutex writer_mutex_;
    std::unique_ptr<connection> writer_;  // guarded by writer_mutex_
    std::mutex readers_mutex_;
    // Idle readers, guarded by readers_mutex_. The pool grows to the largest number of
    // concurrent reads seen, which the caller's thread count bounds.
    std::vector<std::unique_ptr<connection>> idle_readers_;
};

}  // namespace lambdad::storage
