#pragma once

#include "http/message.hpp"
#include "storage/connection_pool.hpp"

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace lambdad::dynamodb {

/// Runs single-item writes one after another on one worker at a time, and commits the writes
/// that queued up meanwhile in one transaction (see connection_pool::run_batch). Callers never
/// wait: a write's responder runs once its transaction has committed.
///
/// Running one write at a time keeps condition checks and results in queue order. Sharing a
/// commit spares each write its own WAL append. Thread-safe. Owned by a
/// std::shared_ptr, which the draining worker shares, so that the lane outlives its owner's
/// last reference when a queued write holds that reference.
class write_lane : public std::enable_shared_from_this<write_lane> {
public:
    /// Runs work on `executor`, which must outlive every queued write (the daemon joins its
    /// worker pool before it destroys the service).
    write_lane(storage::connection_pool& pool, std::function<void(std::function<void()>)> executor);

    /// One queued write.
    struct write {
        /// Runs the operation and returns its response, error responses included.
        std::function<http::response()> run;
        /// Returns the response that replaces a successful one when the commit fails.
        std::function<http::response()> commit_failed;
        http::responder respond;
    };

    /// Queues `entry`. Its responder runs after its transaction commits or rolls back.
    void submit(write entry);

private:
    // Runs batches until the queue is empty.
    void drain();
    void run_batch(std::deque<write>& batch);

    storage::connection_pool& pool_;
    std::function<void(std::function<void()>)> executor_;
    std::mutex mutex_;
    // The writes not yet started, and whether a worker is draining them. Both are guarded by
    // mutex_.
    std::deque<write> queue_;
    bool draining_ = false;
};

}  // namespace lambdad::dynamodb
