#pragma once

#include "lambda/function_pool.hpp"

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace lambdad::lambda_api {

/// Runs Event (asynchronous) invocations with Lambda's retry behaviour, as the AWS Lambda
/// Developer Guide ("How Lambda handles errors and retries with asynchronous invocation")
/// describes it: an event whose invocation fails with a function error is retried twice, one
/// minute and then two minutes later; an event that is throttled is retried with a back-off that
/// grows to five minutes; an event older than the maximum event age (six hours) is dropped.
/// Every drop is logged. Thread-safe.
class async_invoker {
public:
    async_invoker();
    /// Stops the retry thread; events still waiting for a retry are dropped and counted in the
    /// log.
    ~async_invoker();
    async_invoker(const async_invoker&) = delete;
    async_invoker& operator=(const async_invoker&) = delete;

    /// Queues `payload` with its client context (JSON text, or empty) for `pool` under
    /// `request_id` and returns at once.
    void submit(std::shared_ptr<lambda::function_pool> pool, std::string request_id,
                std::string payload, std::string client_context);

    class state;

private:
    std::shared_ptr<state> state_;
    std::thread thread_;
};

}  // namespace lambdad::lambda_api
