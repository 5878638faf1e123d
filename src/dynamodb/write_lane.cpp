#include "dynamodb/write_lane.hpp"

#include "dynamodb/service_logger.hpp"

#include <algorithm>
#include <exception>
#include <utility>
#include <vector>

namespace lambdad::dynamodb {
namespace {

/// The maximum number of writes in one transaction.
constexpr std::size_t max_batch_size = 64;

}  // namespace

write_lane::write_lane(storage::connection_pool& pool,
                       std::function<void(std::function<void()>)> executor)
    : pool_(pool), executor_(std::move(executor)) {}

void write_lane::submit(write entry) {
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(entry));
        if (draining_) {
            return;
        }
        draining_ = true;
    }
    executor_([self = shared_from_this()] { self->drain(); });
}

void write_lane::drain() {
    for (;;) {
        std::deque<write> batch;
        {
            std::lock_guard lock(mutex_);
            if (queue_.empty()) {
                draining_ = false;
                return;
            }
            const auto count = static_cast<std::ptrdiff_t>(std::min(queue_.size(), max_batch_size));
            batch.insert(batch.end(), std::make_move_iterator(queue_.begin()),
                         std::make_move_iterator(queue_.begin() + count));
            queue_.erase(queue_.begin(), queue_.begin() + count);
        }
        run_batch(batch);
    }
}

void write_lane::run_batch(std::deque<write>& batch) {
    std::vector<http::response> responses(batch.size());
    try {
        pool_.run_batch([&] {
            for (std::size_t i = 0; i < batch.size(); ++i) {
                responses[i] = batch[i].run();
            }
        });
    } catch (const std::exception& error) {
        service_logger()->error("Committing a batch of DynamoDB writes failed. writes={} error={}",
                                batch.size(), error.what());
        for (std::size_t i = 0; i < batch.size(); ++i) {
            responses[i] = batch[i].commit_failed();
        }
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        batch[i].respond(std::move(responses[i]));
    }
}

}  // namespace lambdad::dynamodb
