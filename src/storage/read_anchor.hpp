#pragma once

#include "storage/sqlite.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>

namespace lambdad::storage {

/// When the read anchor is set, moved and kept away.
struct anchor_timing {
    /// How long this process must have made no write before the anchor is set.
    std::chrono::milliseconds quiet_period{50};
    /// How often a held anchor moves to the newest snapshot.
    std::chrono::milliseconds refresh_interval{100};
    /// How long the anchor stays away after another process has written.
    std::chrono::milliseconds external_write_backoff{1000};
};

/// Keeps one read transaction open, on a connection of its own, while this process is not
/// writing to the database.
///
/// In WAL mode every read transaction takes a shared lock on one of the read-mark slots in
/// the `-shm` file and drops it at its end. SQLite makes the fcntl() calls for that only when
/// no other connection of the process has the same lock. It makes them under a mutex that all
/// of the process's connections share, so concurrent reads on several threads queue behind
/// each other's system calls (unixShmLock() in SQLite's os_unix.c). A read transaction kept
/// open here keeps the lock on the slot that other reads use, so they take and drop it without
/// a system call.
///
/// Holding a snapshot never changes what other connections read or write. It only keeps a
/// checkpoint from copying frames newer than the snapshot into the database file, and keeps a
/// writer from starting the WAL over. So the anchor is dropped whenever this process writes
/// and set again only after writes have paused, and it is moved to the newest snapshot
/// regularly. When it finds that another process has written, it stays away for a while, so
/// that the other process's checkpoints are not held back. Thread-safe.
///
/// NOTE: a checkpoint that another process runs without writing, such as `PRAGMA
/// wal_checkpoint(TRUNCATE)` in the sqlite3 shell, cannot restart the WAL while the anchor is
/// held. With a busy timeout it completes once the anchor moves (0.5 s in a test with the
/// daemon idle); without one it reports busy.
class read_anchor {
public:
    using clock = std::chrono::steady_clock;

    /// Takes `own`, a connection used for nothing else.
    explicit read_anchor(std::unique_ptr<connection> own, anchor_timing timing = {});
    ~read_anchor();
    read_anchor(const read_anchor&) = delete;
    read_anchor& operator=(const read_anchor&) = delete;

    /// Sets or refreshes the anchor when that is due; called before each read. Never waits
    /// for another thread and never throws.
    void before_read() noexcept;
    /// Drops the anchor and keeps it away until the matching writing_finished(); called
    /// before a write transaction begins.
    void writing_started() noexcept;
    /// Called once a write transaction started with writing_started() has ended.
    void writing_finished() noexcept;
    /// Whether a read transaction is held now; for tests.
    bool held() const { return held_.load(); }

private:
    /// Both run with `mutex_` held.
    void hold(clock::rep now) noexcept;
    void release() noexcept;
    /// Moves `not_before_` to `at` unless it is later already.
    void delay_until(clock::rep at) noexcept;

    static clock::rep ticks(clock::time_point at) { return at.time_since_epoch().count(); }

    const clock::rep quiet_ticks_;
    const clock::rep refresh_ticks_;
    const clock::rep backoff_ticks_;
    std::mutex mutex_;
    /// Guarded by `mutex_`.
    std::unique_ptr<connection> connection_;
    /// The statement whose open step holds the read transaction, or null; guarded by `mutex_`.
    statement* holding_ = nullptr;
    /// SQLite's data version seen when the anchor was set; guarded by `mutex_`.
    std::int64_t data_version_ = 0;
    std::atomic<bool> held_{false};
    /// Write transactions of this process in progress.
    std::atomic<int> writers_{0};
    /// When the anchor was last set or moved, in clock ticks.
    std::atomic<clock::rep> held_since_{0};
    /// The anchor is not set before this time, in clock ticks: the end of the quiet period
    /// after the last write, or of the backoff after another process wrote.
    std::atomic<clock::rep> not_before_{0};
};

}  // namespace lambdad::storage
