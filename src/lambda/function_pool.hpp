#pragma once

#include "config/config.hpp"
#include "lambdad/function.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace lambdad::lambda {

class account;

/// Runs blocking work (function code, SQLite) off the I/O threads.
using blocking_executor = std::function<void(std::function<void()>)>;

/// How an invocation ended.
enum class invocation_status {
    /// The handler returned; `payload` is its JSON result.
    success,
    /// The handler threw, timed out or its init failed; `payload` is Lambda's error JSON
    /// (errorMessage, errorType, stackTrace) and `error_type` its errorType.
    function_error,
    /// The function or the account had no concurrency left; `throttle` names which.
    throttled,
};

/// The concurrency limit that throttled an invocation, named as Lambda's ThrottleReason.
enum class throttle_reason {
    none,
    /// ReservedFunctionConcurrentInvocationLimitExceeded: the function's reserved concurrency.
    reserved_function,
    /// ConcurrentInvocationLimitExceeded: the account's unreserved concurrency.
    account,
};

/// The outcome of one invocation.
struct invocation_result {
    invocation_status status = invocation_status::success;
    std::string payload;
    std::string error_type;
    throttle_reason throttle = throttle_reason::none;
    /// Whether the invocation ran past the function's timeout (or its init past the init
    /// timeout); the status is then function_error.
    bool timed_out = false;
    /// Whether this invocation created its environment.
    bool cold_start = false;
    std::chrono::microseconds init_duration{0};
    std::chrono::microseconds duration{0};
    /// The invocation's log lines (START to REPORT), when the request asked for them.
    std::string log;
};

/// The threads that run a function's invocations.
enum class environment_threads {
    /// Each environment has a thread of its own; a stuck handler blocks only that thread.
    own,
    /// Invocations run on the thread that calls invoke(), which saves two thread switches per
    /// invocation. Only for modules that finish in bounded time: a handler past its deadline is
    /// still answered at once, but it blocks the calling thread until it returns.
    caller,
};

/// One invocation to run.
struct invocation_request {
    /// A UUID that identifies the invocation in logs and in the context.
    std::string request_id;
    /// The event's JSON text.
    std::string payload;
    /// Whether to return the invocation's log lines in invocation_result::log.
    bool capture_log = false;
    /// The client context as JSON text, or empty; see invocation_context::client_context().
    std::string client_context = {};
};

/// A function and its execution environments, as the AWS Lambda Developer Guide ("Lambda
/// execution environment lifecycle") describes them.
///
/// Each environment has a thread of its own that runs its init phase once and then one
/// invocation at a time (or, with environment_threads::caller, invocations run on the calling
/// thread). `invoke` hands the event to an idle environment (a warm start), or
/// creates an environment (a cold start) when the concurrency limits allow, else the invocation
/// is throttled: synchronous invocations are never queued. Environments unused for the
/// function's idle timeout are shut down (their destructor runs); provisioned ones stay.
///
/// An invocation that passes its deadline is answered at once with Lambda's timeout error by
/// the account's watchdog thread, and its environment is discarded. The environment's thread is
/// left to finish the handler, and until it does the invocation still counts against the
/// function's concurrency, so stuck handlers can hold at most the function's (or the account's)
/// concurrency limit of threads. Thread-safe.
class function_pool {
public:
    /// Builds the pool and initialises the provisioned environments before it returns.
    /// `shared_account` is the account the function belongs to; unset gives the function an
    /// account of its own with Lambda's default limit. Throws config::config_error when the
    /// function reserves more concurrency than the account has.
    function_pool(config::function_config config, environment_factory factory,
                  table_provider& tables, blocking_executor executor,
                  std::shared_ptr<account> shared_account = nullptr,
                  environment_threads threads = environment_threads::own);
    /// Shuts down the idle environments and waits for the invocations in progress to finish or
    /// time out, unless shut_down() has done so.
    ~function_pool();
    function_pool(const function_pool&) = delete;
    function_pool& operator=(const function_pool&) = delete;

    /// Runs `request` and calls `done` exactly once: on an environment thread (or the calling
    /// thread, with environment_threads::caller), on the watchdog thread after a timeout, or on
    /// an executor thread when the invocation is throttled.
    void invoke(invocation_request request, std::function<void(invocation_result)> done);
    /// Shuts down the idle environments and waits for the invocations in progress to finish or
    /// time out, so that every `done` has been called when it returns. Calls after the first
    /// return at once.
    void shut_down();

    const config::function_config& config() const;
    /// The function's ARN.
    const std::string& arn() const;
    /// Environments that exist now, initialising, busy or idle (not the discarded ones).
    std::size_t environment_count() const;

    /// The function's reserved concurrency; unset when it has none.
    std::optional<std::uint32_t> reserved_concurrency() const;
    /// Sets or, with an unset value, removes the function's reserved concurrency. Returns false
    /// and changes nothing when the account's unreserved concurrency would fall below its
    /// minimum.
    bool set_reserved_concurrency(std::optional<std::uint32_t> reserved);

    class impl;

private:
    std::shared_ptr<impl> impl_;
};

}  // namespace lambdad::lambda
