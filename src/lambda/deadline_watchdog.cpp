#include "lambda/deadline_watchdog.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace lambdad::lambda {
namespace {

using clock = std::chrono::steady_clock;

std::int64_t now_ns() {
    return to_deadline_ns(clock::now());
}

// Lambda's shortest function timeout, so most deadlines armed after a scan lie beyond it.
constexpr std::chrono::seconds idle_horizon{1};

}  // namespace

std::int64_t to_deadline_ns(clock::time_point time) {
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch());
    return std::max<std::int64_t>(ns.count(), 1);
}

deadline_watchdog::deadline_watchdog() : thread_([this] { run(); }) {}

deadline_watchdog::~deadline_watchdog() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

// Never destroyed: a callback on the watchdog's thread may drop the last reference to a function
// pool, and environment threads that never return may still arm it while the process exits.
deadline_watchdog& deadline_watchdog::shared() {
    static auto* watchdog = new deadline_watchdog();
    return *watchdog;
}

void deadline_watchdog::add(std::shared_ptr<watched> entry) {
    std::lock_guard lock(mutex_);
    entries_.push_back(std::move(entry));
}

void deadline_watchdog::remove(const watched* entry) {
    std::lock_guard lock(mutex_);
    auto found = std::find_if(entries_.begin(), entries_.end(),
                              [entry](const auto& candidate) { return candidate.get() == entry; });
    if (found != entries_.end()) {
        *found = std::move(entries_.back());
        entries_.pop_back();
    }
}

void deadline_watchdog::arm(watched& entry, clock::time_point deadline) {
    std::int64_t deadline_ns = to_deadline_ns(deadline);
    entry.deadline_ns.store(deadline_ns);
    if (deadline_ns >= next_wake_ns_.load()) {
        return;
    }
    // The lock orders this wake-up after the watchdog's check of `next_wake_ns_`, so that it
    // cannot be lost between that check and the wait.
    {
        std::lock_guard lock(mutex_);
        next_wake_ns_.store(deadline_ns);
    }
    wake_.notify_one();
}

// Collects the entries whose deadline has passed and returns the earliest deadline still ahead.
// Called with `mutex_` held.
std::int64_t deadline_watchdog::scan(std::vector<std::shared_ptr<watched>>& expired) {
    std::int64_t now = now_ns();
    std::int64_t next = INT64_MAX;
    for (const auto& entry : entries_) {
        std::int64_t deadline = entry->deadline_ns.load();
        if (deadline == 0) {
            continue;
        }
        if (deadline <= now) {
            expired.push_back(entry);
        } else {
            next = std::min(next, deadline);
        }
    }
    return next;
}

void deadline_watchdog::run() {
    std::vector<std::shared_ptr<watched>> expired;
    bool found_none_before = false;
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        // While the scan runs, every arm() takes the slow path and blocks on `mutex_` until the
        // wait below, then wakes the thread again, so a deadline armed during the scan is never
        // missed.
        next_wake_ns_.store(INT64_MAX);
        std::int64_t next = scan(expired);
        bool found_none = next == INT64_MAX && expired.empty();
        // Under load a scan often falls between invocations and finds nothing armed. Sleeping
        // until a horizon rather than for ever then spares the next arm() the slow path, because
        // its deadline usually lies beyond the horizon. Only a second scan in a row that finds
        // nothing lets the thread sleep until an arm() wakes it.
        if (found_none && !found_none_before) {
            next = now_ns() +
                   std::chrono::duration_cast<std::chrono::nanoseconds>(idle_horizon).count();
        }
        found_none_before = found_none;
        next_wake_ns_.store(next);
        if (!expired.empty()) {
            lock.unlock();
            for (const auto& entry : expired) {
                std::int64_t deadline = entry->deadline_ns.load();
                if (deadline != 0 && deadline <= now_ns() &&
                    entry->deadline_ns.compare_exchange_strong(deadline, 0)) {
                    entry->expire(deadline);
                }
            }
            expired.clear();
            lock.lock();
            continue;
        }
        if (next == INT64_MAX) {
            wake_.wait(lock);
        } else {
            wake_.wait_until(lock, clock::time_point(std::chrono::nanoseconds(next)));
        }
    }
}

}  // namespace lambdad::lambda
