#pragma once

#include "lambda/account.hpp"
#include "lambda/contexts.hpp"
#include "lambda/deadline_watchdog.hpp"
#include "lambda/error_payload.hpp"
#include "lambda/function_logger.hpp"
#include "lambda/function_pool.hpp"

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

// The private parts of function_pool, shared by function_pool.cpp (admission and settings) and
// environment_runner.cpp (what an environment's thread does).

namespace lambdad::lambda {

using completion = std::function<void(invocation_result)>;
using steady_clock = std::chrono::steady_clock;

/// An invocation on its way to, or inside, an environment.
struct pending_invocation {
    invocation_request request;
    completion done;
    /// Whether its unit of concurrency came from the account's unreserved concurrency rather
    /// than the function's reservation.
    bool from_account = false;
};

/// One execution environment, as its thread, the pool and the watchdog see it.
class environment_slot final : public watched {
public:
    environment_slot(std::weak_ptr<function_pool::impl> owner, bool is_provisioned)
        : owner_(std::move(owner)), provisioned(is_provisioned) {}

    void expire(std::int64_t deadline) override;

    const std::weak_ptr<function_pool::impl> owner_;
    /// Provisioned environments are initialised at startup and never shut down for idleness.
    const bool provisioned;

    /// Signalled, with the pool's mutex, when work arrives or the pool stops.
    std::condition_variable wake;
    /// Work handed over by invoke(). Guarded by the pool's mutex.
    std::optional<pending_invocation> next;
    /// When it last became idle. Guarded by the pool's mutex.
    steady_clock::time_point idle_since;
    /// Set when the pool stops. Guarded by the pool's mutex.
    bool exit_requested = false;
    /// Set once the environment no longer counts in the pool's environment count: its phase
    /// timed out, or its init failed. Guarded by the pool's mutex.
    bool uncounted = false;

    // The work in progress. Touched by the environment's thread, and by the watchdog only after
    // it has won `deadline_ns`, while the thread is still inside the phase it timed out.
    pending_invocation current;
    bool has_current = false;
    bool in_init = false;
    steady_clock::time_point phase_started;
    log_capture captured_log;
    /// The environment of a pool that runs invocations on the caller's thread; such a slot has
    /// no thread of its own. Touched only by the caller that took the slot from the idle list.
    std::unique_ptr<environment> inline_environment;
};

class function_pool::impl : public std::enable_shared_from_this<impl> {
public:
    impl(config::function_config config, environment_factory factory, table_provider& tables,
         blocking_executor executor, std::shared_ptr<account> shared_account,
         environment_threads threads);

    void invoke(invocation_request request, completion done);
    void start_provisioned();
    void shut_down();
    std::size_t environment_count() const;
    std::optional<std::uint32_t> reserved_concurrency() const;
    bool set_reserved_concurrency(std::optional<std::uint32_t> reserved);

    /// The body of an environment's thread: init phase, invocations, shutdown.
    void run_environment(std::shared_ptr<environment_slot> slot,
                         std::optional<pending_invocation> first);
    /// Answers the caller of `slot`'s timed-out phase; called by the watchdog.
    void expire(environment_slot& slot);

    const config::function_config config_;
    const environment_factory factory_;
    table_provider& tables_;
    const blocking_executor executor_;
    const std::shared_ptr<account> account_;
    const function_identity identity_;
    /// Whether environments have threads of their own (environment_threads::own).
    const bool threaded_;

private:
    void post_throttled(completion done, throttle_reason reason);
    void start_environment(std::optional<pending_invocation> first, bool provisioned);
    std::unique_ptr<environment> initialise(environment_slot& slot,
                                            std::chrono::microseconds& init_duration);
    void answer_init_failure(environment_slot& slot, const function_failure& failure,
                             std::chrono::microseconds init_duration);
    bool run_invocation(environment& env, const std::shared_ptr<environment_slot>& slot,
                        std::optional<std::chrono::microseconds> init_duration);
    bool make_idle(const std::shared_ptr<environment_slot>& slot);
    void run_on_caller(std::shared_ptr<environment_slot> slot, pending_invocation work);
    void invoke_on_caller(pending_invocation work, std::unique_lock<std::mutex>& lock);
    void initialise_provisioned_here();
    std::vector<std::shared_ptr<environment_slot>> take_expired_idle();
    std::optional<pending_invocation> wait_for_work(const std::shared_ptr<environment_slot>& slot);
    void release_concurrency(bool from_account);
    void finish_environment(const std::shared_ptr<environment_slot>& slot,
                            std::unique_ptr<environment> env, std::string_view reason);

    mutable std::mutex mutex_;
    /// Signalled when `environment_count_` or `provisioning_` drops.
    std::condition_variable changed_;
    /// Idle environments, the most recently used at the back. Guarded by `mutex_`.
    std::vector<std::shared_ptr<environment_slot>> idle_;
    /// Environments initialising, busy or idle, not counting discarded ones. Guarded by `mutex_`.
    std::size_t environment_count_ = 0;
    /// Invocations holding a unit of concurrency: running, or timed out with their handler still
    /// running. Guarded by `mutex_`.
    std::size_t in_flight_ = 0;
    /// Provisioned environments still in their init phase. Guarded by `mutex_`.
    std::size_t provisioning_ = 0;
    std::optional<std::uint32_t> reserved_;  // guarded by `mutex_`
    bool stopping_ = false;                  // guarded by `mutex_`
};

}  // namespace lambdad::lambda
