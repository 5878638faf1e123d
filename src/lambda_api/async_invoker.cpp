#include "lambda_api/async_invoker.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace lambdad::lambda_api {
namespace {

using clock = std::chrono::steady_clock;

// Values from the AWS Lambda Developer Guide, "How Lambda handles errors and retries with
// asynchronous invocation".
constexpr int max_retry_attempts = 2;
constexpr std::chrono::hours max_event_age{6};
constexpr std::chrono::seconds max_throttle_delay{300};

std::chrono::seconds function_error_delay(int retries_done) {
    return std::chrono::seconds(retries_done == 0 ? 60 : 120);
}

}  // namespace

/// One queued event.
struct async_event {
    // Weak, because a callback holding the last reference would destroy the pool on one of its
    // own environment threads, and the pool's destructor waits for those threads.
    std::weak_ptr<lambda::function_pool> pool;
    std::string function;
    std::string request_id;
    std::string payload;
    clock::time_point received;
    int retries = 0;
    int throttles = 0;
    std::string client_context = {};
};

class async_invoker::state : public std::enable_shared_from_this<state> {
public:
    void schedule(async_event event, clock::time_point when) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_) {
                log_drop(event, "the daemon is stopping");
                return;
            }
            waiting_.emplace(when, std::move(event));
        }
        wake_.notify_one();
    }

    void attempt(async_event event) {
        auto pool = event.pool.lock();
        if (!pool) {
            log_drop(event, "the function is gone");
            return;
        }
        lambda::invocation_request request{event.request_id, event.payload, false,
                                           event.client_context};
        pool->invoke(std::move(request), [self = shared_from_this(), event = std::move(event)](
                                             lambda::invocation_result result) mutable {
            self->handle_result(std::move(event), result);
        });
    }

    void run() {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            if (waiting_.empty()) {
                wake_.wait(lock);
                continue;
            }
            auto first = waiting_.begin();
            if (first->first > clock::now()) {
                wake_.wait_until(lock, first->first);
                continue;
            }
            async_event event = std::move(first->second);
            waiting_.erase(first);
            lock.unlock();
            attempt(std::move(event));
            lock.lock();
        }
        for (const auto& [when, event] : waiting_) {
            log_drop(event, "the daemon is stopping");
        }
        waiting_.clear();
    }

    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_one();
    }

private:
    void handle_result(async_event event, const lambda::invocation_result& result) {
        auto logger = spdlog::get("lambdad");
        if (result.status == lambda::invocation_status::success) {
            return;
        }
        clock::time_point retry_at;
        if (result.status == lambda::invocation_status::throttled) {
            auto delay = std::min<std::chrono::seconds>(
                std::chrono::seconds(1LL << std::min(event.throttles, 9)), max_throttle_delay);
            ++event.throttles;
            retry_at = clock::now() + delay;
        } else {
            if (event.retries >= max_retry_attempts) {
                log_drop(event, "retries exhausted after function error " + result.error_type);
                return;
            }
            retry_at = clock::now() + function_error_delay(event.retries);
            ++event.retries;
        }
        if (retry_at - event.received > max_event_age) {
            log_drop(event, "maximum event age reached");
            return;
        }
        if (logger) {
            logger->info("Retrying asynchronous invocation. request_id={} function={} retry={}",
                         event.request_id, event.function, event.retries + event.throttles);
        }
        schedule(std::move(event), retry_at);
    }

    static void log_drop(const async_event& event, const std::string& reason) {
        if (auto logger = spdlog::get("lambdad")) {
            logger->warn("Dropped asynchronous invocation. request_id={} function={} reason={}",
                         event.request_id, event.function, reason);
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    std::multimap<clock::time_point, async_event> waiting_;  // guarded by `mutex_`
    bool stopping_ = false;                                  // guarded by `mutex_`
};

async_invoker::async_invoker()
    : state_(std::make_shared<state>()), thread_([state = state_] { state->run(); }) {}

async_invoker::~async_invoker() {
    state_->stop();
    thread_.join();
}

void async_invoker::submit(std::shared_ptr<lambda::function_pool> pool, std::string request_id,
                           std::string payload, std::string client_context) {
    std::string function = pool->config().name;
    async_event event{
        pool, std::move(function),      std::move(request_id), std::move(payload), clock::now(), 0,
        0,    std::move(client_context)};
    // The retry thread makes the first attempt too, so that a function that runs on its
    // caller's thread never delays the 202 response.
    state_->schedule(std::move(event), clock::now());
}

}  // namespace lambdad::lambda_api
