#include "lambda/function_pool_impl.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace lambdad::lambda {
namespace {

std::chrono::microseconds elapsed_since(steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(steady_clock::now() - start);
}

// Init errors that are not a function_error report this errorType. The Lambda runtime API
// (initialization error path) recommends `<category.reason>` error types such as
// Runtime.NoSuchHandler for errors a runtime hits during initialization.
constexpr std::string_view init_error_type = "Runtime.InitError";

// The AWS Lambda Developer Guide ("Troubleshoot invocation issues in Lambda") names
// Sandbox.Timedout as the error of a function that times out. The message carries the "Task
// timed out after N.NN seconds" text that Lambda logs.
constexpr std::string_view timeout_error_type = "Sandbox.Timedout";

std::string timeout_message(std::string_view request_id, std::chrono::microseconds elapsed) {
    double seconds = std::chrono::duration<double>(elapsed).count();
    return fmt::format("RequestId: {} Error: Task timed out after {:.2f} seconds", request_id,
                       seconds);
}

// Releases the deadline armed for the current phase. Returns false when the watchdog won it,
// which means the phase timed out and the watchdog has sent the caller its result.
bool disarm(environment_slot& slot, std::int64_t deadline) {
    return slot.deadline_ns.compare_exchange_strong(deadline, 0);
}

}  // namespace

void environment_slot::expire(std::int64_t) {
    if (auto owner = owner_.lock()) {
        owner->expire(*this);
    }
}

void function_pool::impl::run_environment(std::shared_ptr<environment_slot> slot,
                                          std::optional<pending_invocation> first) {
    if (first) {
        slot->current = std::move(*first);
        slot->has_current = true;
    }
    std::chrono::microseconds init_duration{0};
    std::unique_ptr<environment> env = initialise(*slot, init_duration);
    if (slot->provisioned) {
        std::lock_guard lock(mutex_);
        // expire() has counted a provisioned init that timed out.
        if (!slot->uncounted) {
            --provisioning_;
            changed_.notify_all();
        }
    }
    if (!env) {
        finish_environment(slot, nullptr, "init failed or timed out");
        return;
    }
    std::optional<std::chrono::microseconds> cold_start;
    if (slot->has_current) {
        cold_start = init_duration;
    } else {
        make_idle(slot);
    }
    for (;;) {
        if (slot->has_current && !run_invocation(*env, slot, cold_start)) {
            finish_environment(slot, std::move(env), "invocation timed out");
            return;
        }
        cold_start.reset();
        std::optional<pending_invocation> work = wait_for_work(slot);
        if (!work) {
            finish_environment(slot, std::move(env), "idle timeout or shutdown");
            return;
        }
        slot->current = std::move(*work);
        slot->has_current = true;
    }
}

// Runs the init phase under the function's init timeout. Returns null when it failed or timed
// out, after the invocation that caused it (if any) has received its error.
std::unique_ptr<environment> function_pool::impl::initialise(
    environment_slot& slot, std::chrono::microseconds& init_duration) {
    pool_init_context context(identity_, config_.environment, config_.options, tables_);
    slot.in_init = true;
    slot.phase_started = steady_clock::now();
    steady_clock::time_point deadline = slot.phase_started + config_.init_timeout;
    account_->watchdog().arm(slot, deadline);
    std::int64_t armed = to_deadline_ns(deadline);
    std::unique_ptr<environment> env;
    std::optional<function_failure> failure;
    try {
        env = factory_(context);
    } catch (const function_error& error) {
        failure = function_failure{error.type(), error.what()};
    } catch (...) {
        failure =
            function_failure{std::string(init_error_type), describe_current_exception().message};
    }
    init_duration = elapsed_since(slot.phase_started);
    if (!disarm(slot, armed)) {
        // The watchdog has sent the caller its timeout error, so the environment is discarded.
        if (slot.has_current) {
            release_concurrency(slot.current.from_account);
        }
        return nullptr;
    }
    if (!failure && !env) {
        failure =
            function_failure{std::string(init_error_type), "The module returned no environment"};
    }
    if (failure) {
        answer_init_failure(slot, *failure, init_duration);
        return nullptr;
    }
    return env;
}

// Lambda keeps no environment whose init failed, so the next invocation retries the init phase.
void function_pool::impl::answer_init_failure(environment_slot& slot,
                                              const function_failure& failure,
                                              std::chrono::microseconds init_duration) {
    if (!slot.has_current) {
        identity_.logger->error(
            "Provisioned environment init failed. function={} error_type={} error_message={}",
            identity_.name, failure.type, failure.message);
        return;
    }
    pending_invocation& work = slot.current;
    const std::string& request_id = work.request.request_id;
    log_capture* capture = work.request.capture_log ? &slot.captured_log : nullptr;
    log_start(*identity_.logger, request_id, capture);
    identity_.logger->error(
        "Function init failed. request_id={} function={} error_type={} error_message={}",
        request_id, identity_.name, failure.type, failure.message);
    log_end(*identity_.logger, request_id, capture);
    log_report(*identity_.logger, request_id,
               {std::chrono::microseconds(0), identity_.memory_size_mb, init_duration, false},
               capture);
    invocation_result result;
    result.status = invocation_status::function_error;
    result.cold_start = true;
    result.init_duration = init_duration;
    result.error_type = failure.type;
    result.payload = error_payload(failure);
    if (capture != nullptr) {
        result.log = capture->take();
    }
    release_concurrency(work.from_account);
    // The environment is gone before the caller has its error, like a discarded one.
    {
        std::lock_guard lock(mutex_);
        slot.uncounted = true;
        --environment_count_;
        changed_.notify_all();
    }
    completion done = std::move(work.done);
    done(std::move(result));
}

// The invoke phase: one event through the handler, framed by START, END and REPORT lines.
// Returns false when the invocation timed out, after which the environment must be discarded.
bool function_pool::impl::run_invocation(environment& env,
                                         const std::shared_ptr<environment_slot>& slot_ptr,
                                         std::optional<std::chrono::microseconds> init_duration) {
    environment_slot& slot = *slot_ptr;
    spdlog::logger& logger = *identity_.logger;
    pending_invocation& work = slot.current;
    const std::string& request_id = work.request.request_id;
    log_capture* capture = work.request.capture_log ? &slot.captured_log : nullptr;
    invocation_result result;
    slot.in_init = false;
    slot.phase_started = steady_clock::now();
    steady_clock::time_point deadline = slot.phase_started + config_.timeout;
    pool_invocation_context context(identity_, request_id, deadline, capture,
                                    work.request.client_context);
    log_start(logger, request_id, capture);
    account_->watchdog().arm(slot, deadline);
    std::int64_t armed = to_deadline_ns(deadline);
    try {
        result.payload = env.invoke(work.request.payload, context);
    } catch (...) {
        function_failure failure = describe_current_exception();
        logger.warn("Function error. request_id={} function={} error_type={} error_message={}",
                    request_id, identity_.name, failure.type, failure.message);
        result.status = invocation_status::function_error;
        result.error_type = failure.type;
        result.payload = error_payload(failure);
    }
    result.duration = elapsed_since(slot.phase_started);
    if (!disarm(slot, armed)) {
        logger.warn(
            "Handler returned after its timeout; discarding its environment. "
            "request_id={} function={}",
            request_id, identity_.name);
        release_concurrency(work.from_account);
        return false;
    }
    log_end(logger, request_id, capture);
    log_report(logger, request_id,
               {result.duration, identity_.memory_size_mb, init_duration, false}, capture);
    result.cold_start = init_duration.has_value();
    result.init_duration = init_duration.value_or(std::chrono::microseconds(0));
    if (capture != nullptr) {
        result.log = capture->take();
    }
    // The environment goes back before `done` runs, so that an invocation that starts after
    // the caller has its result finds it idle. `done` leaves the slot first, because another
    // caller may take the slot as soon as it is idle.
    completion done = std::move(work.done);
    bool from_account = work.from_account;
    slot.has_current = false;
    release_concurrency(from_account);
    if (!make_idle(slot_ptr) && !threaded_) {
        finish_environment(slot_ptr, std::move(slot.inline_environment), "shutdown");
    }
    done(std::move(result));
    return true;
}

// Waits in the idle list for the next invocation. Returns nothing when the environment has been
// idle for the function's idle timeout (provisioned ones never time out) or the pool stops.
std::optional<pending_invocation> function_pool::impl::wait_for_work(
    const std::shared_ptr<environment_slot>& slot) {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (slot->next) {
            std::optional<pending_invocation> work = std::move(slot->next);
            slot->next.reset();
            return work;
        }
        if (slot->exit_requested) {
            return std::nullopt;
        }
        if (slot->provisioned) {
            slot->wake.wait(lock);
            continue;
        }
        steady_clock::time_point expiry = slot->idle_since + config_.idle_timeout;
        if (slot->wake.wait_until(lock, expiry) == std::cv_status::timeout && !slot->next &&
            !slot->exit_requested) {
            auto found = std::find(idle_.begin(), idle_.end(), slot);
            if (found != idle_.end()) {
                idle_.erase(found);
                return std::nullopt;
            }
        }
    }
}

// Called by the watchdog when a phase passed its deadline: answers the caller with Lambda's
// timeout error at once. The environment's thread is still in the handler or the factory; it
// discards the environment whenever that returns.
void function_pool::impl::expire(environment_slot& slot) {
    {
        std::lock_guard lock(mutex_);
        slot.uncounted = true;
        --environment_count_;
        if (slot.provisioned && slot.in_init) {
            --provisioning_;
        }
        changed_.notify_all();
    }
    std::chrono::microseconds elapsed = elapsed_since(slot.phase_started);
    const char* phase = slot.in_init ? "init" : "invoke";
    if (!slot.has_current) {
        identity_.logger->error(
            "Provisioned environment init timed out; discarding it. function={} timeout_ms={}",
            identity_.name, config_.init_timeout.count());
        return;
    }
    pending_invocation& work = slot.current;
    const std::string& request_id = work.request.request_id;
    log_capture* capture = work.request.capture_log ? &slot.captured_log : nullptr;
    std::string message = timeout_message(request_id, elapsed);
    if (slot.in_init) {
        log_start(*identity_.logger, request_id, capture);
    }
    identity_.logger->error("{} phase={} function={}", message, phase, identity_.name);
    log_end(*identity_.logger, request_id, capture);
    log_report(*identity_.logger, request_id,
               {elapsed, identity_.memory_size_mb, std::nullopt, true}, capture);
    invocation_result result;
    result.status = invocation_status::function_error;
    result.timed_out = true;
    result.duration = elapsed;
    result.error_type = timeout_error_type;
    result.payload = error_payload({std::string(timeout_error_type), message});
    if (capture != nullptr) {
        result.log = capture->take();
    }
    completion done = std::move(work.done);
    done(std::move(result));
}

// Puts `slot` in the idle list and returns true, or tells it to exit and returns false when the
// pool is stopping.
bool function_pool::impl::make_idle(const std::shared_ptr<environment_slot>& slot) {
    std::lock_guard lock(mutex_);
    if (stopping_) {
        slot->exit_requested = true;
        return false;
    }
    slot->idle_since = steady_clock::now();
    idle_.push_back(slot);
    return true;
}

// Runs the init phase of one provisioned environment on the calling thread, for pools without
// environment threads.
void function_pool::impl::initialise_provisioned_here() {
    auto slot = std::make_shared<environment_slot>(weak_from_this(), true);
    account_->watchdog().add(slot);
    std::chrono::microseconds init_duration{0};
    slot->inline_environment = initialise(*slot, init_duration);
    {
        std::lock_guard lock(mutex_);
        if (!slot->uncounted) {
            --provisioning_;
            changed_.notify_all();
        }
    }
    if (!slot->inline_environment) {
        finish_environment(slot, nullptr, "init failed or timed out");
        return;
    }
    make_idle(slot);
}

// Runs `work` on the calling thread, in `slot`'s environment or, when `slot` is null, in a new
// one whose init phase also runs here.
void function_pool::impl::run_on_caller(std::shared_ptr<environment_slot> slot,
                                        pending_invocation work) {
    std::optional<std::chrono::microseconds> cold_start;
    if (!slot) {
        slot = std::make_shared<environment_slot>(weak_from_this(), false);
        account_->watchdog().add(slot);
        slot->current = std::move(work);
        slot->has_current = true;
        std::chrono::microseconds init_duration{0};
        slot->inline_environment = initialise(*slot, init_duration);
        if (!slot->inline_environment) {
            finish_environment(slot, nullptr, "init failed or timed out");
            return;
        }
        cold_start = init_duration;
    } else {
        slot->current = std::move(work);
        slot->has_current = true;
    }
    if (!run_invocation(*slot->inline_environment, slot, cold_start)) {
        finish_environment(slot, std::move(slot->inline_environment), "invocation timed out");
    }
}

void function_pool::impl::finish_environment(const std::shared_ptr<environment_slot>& slot,
                                             std::unique_ptr<environment> env,
                                             std::string_view reason) {
    account_->watchdog().remove(slot.get());
    // Destroying the environment is its shutdown hook; it runs on the environment's own thread.
    env.reset();
    identity_.logger->debug("Execution environment shut down. function={} reason={}",
                            identity_.name, reason);
    std::lock_guard lock(mutex_);
    if (!slot->uncounted) {
        --environment_count_;
    }
    changed_.notify_all();
}

}  // namespace lambdad::lambda
