#pragma once

#include "dynamodb/operation.hpp"

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>

namespace lambdad::dynamodb {

/// Deletes the items whose TTL attribute (a number of seconds since the Unix epoch) is at or
/// before `now_seconds`, in every table with TTL enabled, and returns how many it deleted.
std::size_t delete_expired_items(operation_context& context, double now_seconds);

/// A thread that calls a sweep function once a second until destroyed.
class ttl_sweeper {
public:
    explicit ttl_sweeper(std::function<std::size_t()> sweep);
    /// Stops the thread and waits for a running sweep to finish.
    ~ttl_sweeper();
    ttl_sweeper(const ttl_sweeper&) = delete;
    ttl_sweeper& operator=(const ttl_sweeper&) = delete;

    /// The current time in seconds since the Unix epoch.
    static double now_seconds();

private:
    void run();

    std::function<std::size_t()> sweep_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;  // guarded by mutex_
    std::thread thread_;
};

}  // namespace lambdad::dynamodb
