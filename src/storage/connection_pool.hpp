#pragma once

#include "storage/read_anchor.hpp"
#include "storage/sqlite.hpp"

#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
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
    /// journal for ":memory:". `timing` schedules the read anchor of a WAL database. Throws
    /// sqlite_error.
    explicit connection_pool(std::string path, anchor_timing timing = {});

    /// Runs `work(connection&)` on the writer while holding its mutex, and returns its result.
    template <typename Work>
    auto write(Work&& work) {
        if (batch_open_here()) {
            return work(*writer_);
        }
        std::lock_guard lock(writer_mutex_);
        writing_scope writing(anchor_.get());
        return work(*writer_);
    }

    /// Runs `work(connection&)` on the writer inside a transaction and returns its result once
    /// the writes are committed, so they are durable (see the constructor). When `work` throws,
    /// its writes are rolled back and the exception is rethrown here.
    ///
    /// Concurrent calls share one commit (group commit): one caller runs the waiting works one
    /// after another in a single transaction, each inside its own savepoint, and commits once.
    /// A work therefore runs on whichever thread leads its group, and must not call transact()
    /// or write() itself.
    template <typename Work>
    auto transact(Work&& work) {
        using result_type = decltype(work(std::declval<connection&>()));
        if constexpr (std::is_void_v<result_type>) {
            commit([&](connection& writer) { work(writer); });
        } else {
            std::optional<result_type> result;
            commit([&](connection& writer) { result.emplace(work(writer)); });
            return std::move(*result);
        }
    }

    /// Runs `body` inside one transaction on the writer, and commits when `body` returns.
    /// While it runs, this thread's calls to transact() join that transaction, each inside its
    /// own savepoint, and its read() and write() calls use the writer. Throws what `body` throws
    /// and sqlite_error when the commit fails; both roll every write of `body` back.
    void run_batch(const std::function<void()>& body);

    /// Runs `work(connection&)` on a reader from the pool, and returns its result.
    template <typename Work>
    auto read(Work&& work) {
        if (in_memory_ || batch_open_here()) {
            return write(std::forward<Work>(work));
        }
        if (anchor_) {
            anchor_->before_read();
        }
        reader_lease lease(*this);
        return work(*lease.reader);
    }

    /// The database path, or ":memory:".
    const std::string& path() const { return path_; }
    /// SQLite's journal mode: "wal" for a file, "memory" in memory.
    const std::string& journal_mode() const { return journal_mode_; }
    /// Whether the read anchor has a read transaction open now; for tests.
    bool anchored() const { return anchor_ && anchor_->held(); }

private:
    // Tells the read anchor, if any, that this process writes for as long as it lives.
    class writing_scope {
    public:
        explicit writing_scope(read_anchor* anchor) : anchor_(anchor) {
            if (anchor_ != nullptr) {
                anchor_->writing_started();
            }
        }
        ~writing_scope() {
            if (anchor_ != nullptr) {
                anchor_->writing_finished();
            }
        }
        writing_scope(const writing_scope&) = delete;
        writing_scope& operator=(const writing_scope&) = delete;

    private:
        read_anchor* anchor_;
    };

    // Takes a reader from the pool, or opens one when all are in use, and returns it on exit.
    struct reader_lease {
        explicit reader_lease(connection_pool& pool);
        ~reader_lease();
        reader_lease(const reader_lease&) = delete;
        reader_lease& operator=(const reader_lease&) = delete;

        connection_pool& pool;
        std::unique_ptr<connection> reader;
    };

    // One call to transact() waiting for its group's commit.
    struct pending_write {
        std::function<void(connection&)> work;
        std::exception_ptr error = nullptr;
        bool done = false;
        // Signalled, under group_mutex_, when the write is done or may lead the next group.
        std::condition_variable wake = {};
    };

    // Commits `work`: inside this thread's open batch when there is one, or else with a group.
    void commit(std::function<void(connection&)> work);
    void commit_with_group(std::function<void(connection&)> work);
    // Returns whether this thread is running run_batch() on this pool.
    bool batch_open_here() const;
    // Runs `group` in one transaction on the writer and records each work's outcome.
    void commit_group(const std::vector<pending_write*>& group);
    // Run one work of a group and record its exception. Both return false when the
    // transaction must not be committed, because a lone work failed or because a failed work's
    // savepoint could not be rolled back.
    static bool run_alone(connection& writer, pending_write& write);
    static bool run_in_savepoint(connection& writer, pending_write& write);
    std::unique_ptr<connection> open_reader() const;
    // Rolls back the open transaction; logs instead of throwing, as it runs while unwinding.
    static void roll_back(connection& writer) noexcept;

    std::string path_;
    bool in_memory_;
    std::string journal_mode_;
    std::mutex writer_mutex_;
    std::unique_ptr<connection> writer_;  // guarded by writer_mutex_
    std::mutex group_mutex_;
    // The writes waiting for a group, and whether a caller is committing one. Both are guarded
    // by group_mutex_.
    std::vector<pending_write*> waiting_writes_;
    bool group_running_ = false;
    std::mutex readers_mutex_;
    // Idle readers, guarded by readers_mutex_. The pool grows to the largest number of
    // concurrent reads seen, which the caller's thread count bounds.
    std::vector<std::unique_ptr<connection>> idle_readers_;
    // Keeps the read locks of the database file held between reads; null without WAL. Declared
    // after the connections, so that it lets go of its snapshot before they close.
    std::unique_ptr<read_anchor> anchor_;
};

}  // namespace lambdad::storage
