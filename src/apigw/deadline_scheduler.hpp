#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>

namespace lambdad::apigw {

/// Runs callbacks after a delay on one thread of its own, for integration timeouts.
///
/// The thread starts with the first callback, so a gateway that never needs a timeout has
/// none. Callbacks still pending at destruction are dropped. Thread-safe.
class deadline_scheduler {
public:
    deadline_scheduler() = default;
    ~deadline_scheduler();
    deadline_scheduler(const deadline_scheduler&) = delete;
    deadline_scheduler& operator=(const deadline_scheduler&) = delete;

    /// Calls `callback` once `delay` has passed. It runs on the scheduler's thread and must
    /// not block for long.
    void schedule(std::chrono::milliseconds delay, std::function<void()> callback);

private:
    void run();

    std::mutex mutex_;
    std::condition_variable changed_;
    /// Pending callbacks by due time; guarded by `mutex_`.
    std::multimap<std::chrono::steady_clock::time_point, std::function<void()>> pending_;
    /// Guarded by `mutex_`.
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace lambdad::apigw
