#pragma once

#include "config/config.hpp"
#include "lambdad/function.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace lambdad::lambda {

/// Runs blocking work (function code, SQLite) off the I/O threads.
using blocking_executor = std::function<void(std::function<void()>)>;

/// How an invocation ended.
enum class invocation_status {
    /// The handler returned; `payload` is its JSON result.
    success,
    /// The handler threw or its init failed; `payload` is Lambda's error JSON
    /// (errorMessage, errorType, stackTrace) and `error_type` its errorType.
    function_error,
    /// No environment could be had within the concurrency limits and the queue was full.
    throttled,
};

/// The outcome of one invocation.
struct invocation_result {
    invocation_status status = invocation_status::success;
    std::string payload;
    std::string error_type;
    /// Whether this invocation created its environment.
    bool cold_start = false;
    std::chrono::microseconds init_duration{0};
    std::chrono::microseconds duration{0};
};

/// One invocation to run.
struct invocation_request {
    /// A UUID that identifies the invocation in logs and in the context.
    std::string request_id;
    /// The event's JSON text.
    std::string payload;
};

/// A function and its warm execution environments.
///
/// `invoke` reuses an idle environment (warm start), creates one when all are busy and the
/// reserved concurrency allows (cold start), or else queues the invocation, up to
/// `queue_limit` waiting invocations. Environments handle one invocation at a time. Every
/// invocation logs Lambda's START, END and REPORT lines. Thread-safe.
class function_pool {
public:
    function_pool(config::function_config config, environment_factory factory,
                  table_provider& tables, blocking_executor executor,
                  std::size_t queue_limit = 1000);
    ~function_pool();
    function_pool(const function_pool&) = delete;
    function_pool& operator=(const function_pool&) = delete;

    /// Runs `request` and calls `done` exactly once, on an executor thread.
    void invoke(invocation_request request, std::function<void(invocation_result)> done);

    const config::function_config& config() const;
    /// The function's ARN.
    const std::string& arn() const;
    /// Environments that exist now, busy or idle.
    std::size_t environment_count() const;

    class impl;

private:
    std::shared_ptr<impl> impl_;
};

}  // namespace lambdad::lambda
