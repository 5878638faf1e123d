#include "storage/read_anchor.hpp"

#include <exception>

namespace lambdad::storage {
namespace {

std::chrono::steady_clock::rep to_ticks(std::chrono::milliseconds duration) {
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(duration).count();
}

}  // namespace

read_anchor::read_anchor(std::unique_ptr<connection> own, anchor_timing timing)
    : quiet_ticks_(to_ticks(timing.quiet_period)),
      refresh_ticks_(to_ticks(timing.refresh_interval)),
      backoff_ticks_(to_ticks(timing.external_write_backoff)),
      connection_(std::move(own)) {
    // A database that is busy (a checkpoint restarting the WAL) is simply not anchored this
    // time, so a read never waits for the anchor.
    connection_->execute("PRAGMA busy_timeout = 0", "busy_timeout");
    connection_->execute("PRAGMA query_only = 1", "query_only");
}

read_anchor::~read_anchor() {
    std::lock_guard lock(mutex_);
    release();
}

void read_anchor::before_read() noexcept {
    const clock::rep now = ticks(clock::now());
    if (held_.load(std::memory_order_relaxed)) {
        if (now - held_since_.load(std::memory_order_relaxed) < refresh_ticks_) {
            return;
        }
    } else if (writers_.load(std::memory_order_relaxed) > 0 ||
               now < not_before_.load(std::memory_order_relaxed)) {
        return;
    }
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock) {
        return;
    }
    if (held_.load() && now - held_since_.load() < refresh_ticks_) {
        return;
    }
    hold(now);
}

void read_anchor::writing_started() noexcept {
    writers_.fetch_add(1);
    if (held_.load()) {
        std::lock_guard lock(mutex_);
        release();
    }
}

void read_anchor::writing_finished() noexcept {
    delay_until(ticks(clock::now()) + quiet_ticks_);
    writers_.fetch_sub(1);
}

void read_anchor::hold(clock::rep now) noexcept {
    const bool was_held = holding_ != nullptr;
    const std::int64_t previous_version = data_version_;
    release();
    if (writers_.load() > 0 || now < not_before_.load()) {
        return;
    }

    try {
        // Stepping to the row opens the read transaction, and it stays open until the reset.
        statement& query = connection_->cached("PRAGMA data_version", "data_version");
        if (!query.step()) {
            query.reset();
            return;
        }
        holding_ = &query;
        data_version_ = query.column_int64(0);
    } catch (const std::exception&) {
        delay_until(now + backoff_ticks_);
        return;
    }

    held_since_.store(now);
    held_.store(true);
    // A write that started while the anchor was being set found no anchor to drop. Either
    // that write reads `held_` as set, or this reads its count (both atomics are sequentially
    // consistent).
    if (writers_.load() > 0) {
        release();
        return;
    }
    // A write of this process that finished while the anchor was being set also changed the
    // data version; it moved `not_before_` past `now`.
    if (not_before_.load() > now) {
        release();
        return;
    }

    // This process drops the anchor before each of its writes, so a new data version under an
    // anchor that was held all along comes from another process.
    if (was_held && data_version_ != previous_version) {
        release();
        delay_until(now + backoff_ticks_);
    }
}

void read_anchor::release() noexcept {
    if (holding_ != nullptr) {
        holding_->reset();
        holding_ = nullptr;
    }
    held_.store(false);
}

void read_anchor::delay_until(clock::rep at) noexcept {
    clock::rep current = not_before_.load();
    while (current < at && !not_before_.compare_exchange_weak(current, at)) {
    }
}

}  // namespace lambdad::storage
