#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace lambdad::lambda {

/// Something with a deadline that the watchdog checks: an execution environment in its init or
/// invoke phase.
///
/// `deadline_ns` is 0 while nothing runs, else the deadline in nanoseconds of
/// std::chrono::steady_clock. The owner stores it before the work starts and clears it with a
/// compare-exchange when the work ends; the watchdog claims an expired deadline with a
/// compare-exchange too, so exactly one of them finishes the work.
class watched {
public:
    virtual ~watched() = default;

    /// Called on the watchdog thread once the watchdog has won `deadline_ns` for `deadline`:
    /// answers the caller with a timeout. The owner's thread may still be inside the work.
    virtual void expire(std::int64_t deadline) = 0;

    std::atomic<std::int64_t> deadline_ns{0};
};

/// The clock value that `watched::deadline_ns` stores for `time`; never 0.
std::int64_t to_deadline_ns(std::chrono::steady_clock::time_point time);

/// One thread that times out the work of every registered `watched`.
///
/// Arming a deadline costs an atomic store and load, and no allocation: the thread sleeps until
/// the earliest deadline it knows of and then scans the registered entries, so work that ends
/// before its deadline is never touched. Thread-safe.
class deadline_watchdog {
public:
    /// The process-wide watchdog that function pools use.
    static deadline_watchdog& shared();

    deadline_watchdog();
    /// Stops the thread. Everything that arms or registers entries must be gone by then.
    ~deadline_watchdog();
    deadline_watchdog(const deadline_watchdog&) = delete;
    deadline_watchdog& operator=(const deadline_watchdog&) = delete;

    /// Starts watching `entry`, for as long as it exists.
    void add(std::shared_ptr<watched> entry);
    /// Stops watching `entry`.
    void remove(const watched* entry);
    /// Stores `deadline` in `entry` and wakes the watchdog when it is earlier than the time the
    /// watchdog sleeps until.
    void arm(watched& entry, std::chrono::steady_clock::time_point deadline);

private:
    void run();
    std::int64_t scan(std::vector<std::shared_ptr<watched>>& expired);

    std::mutex mutex_;
    std::condition_variable wake_;
    std::vector<std::shared_ptr<watched>> entries_;  // guarded by `mutex_`
    bool stopping_ = false;                          // guarded by `mutex_`
    // The deadline the thread sleeps until, in nanoseconds of steady_clock.
    std::atomic<std::int64_t> next_wake_ns_{INT64_MAX};
    std::thread thread_;
};

}  // namespace lambdad::lambda
