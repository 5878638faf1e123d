#include "lambda/function_pool.hpp"

#include "lambda/contexts.hpp"
#include "lambda/error_payload.hpp"
#include "lambda/function_logger.hpp"

#include <deque>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace lambdad::lambda {
namespace {

using clock = std::chrono::steady_clock;

// Lambda's default account-wide concurrency quota, used when a function reserves none.
constexpr std::size_t account_concurrency_limit = 1000;

// Init errors that are not a function_error report this errorType. The Lambda runtime API
// (initialization error path) recommends `<category.reason>` error types such as
// Runtime.NoSuchHandler for errors a runtime hits during initialization.
constexpr std::string_view init_error_type = "Runtime.InitError";

std::chrono::microseconds elapsed_since(clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::microseconds>(clock::now() - start);
}

}  // namespace

class function_pool::impl : public std::enable_shared_from_this<impl> {
public:
    using completion = std::function<void(invocation_result)>;

    impl(config::function_config config, environment_factory factory, table_provider& tables,
         blocking_executor executor, std::size_t queue_limit)
        : config_(std::move(config)),
          factory_(std::move(factory)),
          tables_(tables),
          executor_(std::move(executor)),
          queue_limit_(queue_limit),
          concurrency_limit_(config_.reserved_concurrency ? *config_.reserved_concurrency
                                                          : account_concurrency_limit),
          identity_{config_.name, function_arn(config_.name), config_.memory_size_mb,
                    function_logger()} {}

    void invoke(invocation_request request, completion done);
    std::size_t environment_count() const {
        std::lock_guard lock(mutex_);
        return environment_count_;
    }

    config::function_config config_;
    environment_factory factory_;
    table_provider& tables_;
    blocking_executor executor_;
    std::size_t queue_limit_;
    std::size_t concurrency_limit_;
    function_identity identity_;

private:
    struct pending {
        invocation_request request;
        completion done;
    };
    using environment_ptr = std::shared_ptr<environment>;

    void post_throttled(completion done);
    void post_cold_start(pending work);
    void post_warm_start(environment_ptr env, pending work);
    void run_cold_start(pending work);
    void run_and_release(environment_ptr env, pending work, invocation_result result);
    void run_invocation(environment& env, const invocation_request& request,
                        invocation_result& result);
    void report_init_failure(pending& work, invocation_result result,
                             const function_failure& failure);
    void release_failed_slot();

    mutable std::mutex mutex_;
    // Idle environments, the most recently used at the back. Guarded by `mutex_`.
    std::vector<environment_ptr> idle_;
    // Environments that exist or are being initialised, busy or idle. Guarded by `mutex_`.
    std::size_t environment_count_ = 0;
    // Invocations waiting for an environment, oldest first. Guarded by `mutex_`.
    std::deque<pending> queue_;
};

void function_pool::impl::invoke(invocation_request request, completion done) {
    pending work{std::move(request), std::move(done)};
    std::unique_lock lock(mutex_);
    if (!idle_.empty()) {
        environment_ptr env = std::move(idle_.back());
        idle_.pop_back();
        lock.unlock();
        post_warm_start(std::move(env), std::move(work));
        return;
    }
    if (environment_count_ < concurrency_limit_) {
        ++environment_count_;
        lock.unlock();
        post_cold_start(std::move(work));
        return;
    }
    // A reserved concurrency of 0 stops every invocation, as it does in Lambda.
    if (concurrency_limit_ > 0 && queue_.size() < queue_limit_) {
        queue_.push_back(std::move(work));
        return;
    }
    lock.unlock();
    identity_.logger->warn(
        "Invocation throttled. request_id={} function={} concurrency_limit={} queue_limit={}",
        work.request.request_id, identity_.name, concurrency_limit_, queue_limit_);
    post_throttled(std::move(work.done));
}

void function_pool::impl::post_throttled(completion done) {
    executor_([done = std::move(done)] {
        invocation_result result;
        result.status = invocation_status::throttled;
        done(std::move(result));
    });
}

void function_pool::impl::post_cold_start(pending work) {
    executor_([self = shared_from_this(), work = std::move(work)]() mutable {
        self->run_cold_start(std::move(work));
    });
}

void function_pool::impl::post_warm_start(environment_ptr env, pending work) {
    executor_([self = shared_from_this(), env = std::move(env), work = std::move(work)]() mutable {
        self->run_and_release(std::move(env), std::move(work), invocation_result{});
    });
}

// The init phase: runs the factory, then the invocation that caused it.
void function_pool::impl::run_cold_start(pending work) {
    invocation_result result;
    result.cold_start = true;
    pool_init_context context(identity_, config_.environment, config_.options, tables_);
    clock::time_point start = clock::now();
    environment_ptr env;
    std::optional<function_failure> failure;
    try {
        env = factory_(context);
    } catch (const function_error& error) {
        failure = function_failure{error.type(), error.what()};
    } catch (...) {
        failure =
            function_failure{std::string(init_error_type), describe_current_exception().message};
    }
    result.init_duration = elapsed_since(start);
    if (!failure && !env) {
        failure =
            function_failure{std::string(init_error_type), "The module returned no environment"};
    }
    if (failure) {
        report_init_failure(work, std::move(result), *failure);
        return;
    }
    run_and_release(std::move(env), std::move(work), std::move(result));
}

// Lambda keeps no environment whose init failed, so the slot is freed and the next invocation
// retries the init phase.
void function_pool::impl::report_init_failure(pending& work, invocation_result result,
                                              const function_failure& failure) {
    const std::string& request_id = work.request.request_id;
    log_start(*identity_.logger, request_id);
    identity_.logger->error(
        "Function init failed. request_id={} function={} error_type={} error_message={}",
        request_id, identity_.name, failure.type, failure.message);
    log_end(*identity_.logger, request_id);
    log_report(*identity_.logger, request_id,
               {result.duration, identity_.memory_size_mb, result.init_duration});
    result.status = invocation_status::function_error;
    result.error_type = failure.type;
    result.payload = error_payload(failure);
    release_failed_slot();
    work.done(std::move(result));
}

// Frees the slot of an environment whose init failed and starts a queued invocation in it.
void function_pool::impl::release_failed_slot() {
    std::unique_lock lock(mutex_);
    --environment_count_;
    if (queue_.empty() || environment_count_ >= concurrency_limit_) {
        return;
    }
    pending next = std::move(queue_.front());
    queue_.pop_front();
    ++environment_count_;
    lock.unlock();
    post_cold_start(std::move(next));
}

// Runs `work` in `env`, then hands `env` to the oldest queued invocation on this thread, or
// returns it to the idle list. `env` goes back before `done` is called, so an invocation that
// starts after `done` finds it idle.
void function_pool::impl::run_and_release(environment_ptr env, pending work,
                                          invocation_result result) {
    for (;;) {
        run_invocation(*env, work.request, result);
        std::optional<pending> next;
        {
            std::lock_guard lock(mutex_);
            if (queue_.empty()) {
                idle_.push_back(env);
            } else {
                next.emplace(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        completion done = std::move(work.done);
        done(std::move(result));
        if (!next) {
            return;
        }
        work = std::move(*next);
        result = invocation_result{};
    }
}

// The invoke phase: one event through the handler, framed by START, END and REPORT lines.
void function_pool::impl::run_invocation(environment& env, const invocation_request& request,
                                         invocation_result& result) {
    spdlog::logger& logger = *identity_.logger;
    clock::time_point start = clock::now();
    pool_invocation_context context(identity_, request.request_id, start + config_.timeout);
    log_start(logger, request.request_id);
    try {
        result.payload = env.invoke(request.payload, context);
        result.status = invocation_status::success;
    } catch (...) {
        function_failure failure = describe_current_exception();
        logger.warn("Function error. request_id={} function={} error_type={} error_message={}",
                    request.request_id, identity_.name, failure.type, failure.message);
        result.status = invocation_status::function_error;
        result.error_type = failure.type;
        result.payload = error_payload(failure);
    }
    result.duration = elapsed_since(start);
    log_end(logger, request.request_id);
    std::optional<std::chrono::microseconds> init_duration;
    if (result.cold_start) {
        init_duration = result.init_duration;
    }
    log_report(logger, request.request_id,
               {result.duration, identity_.memory_size_mb, init_duration});
}

function_pool::function_pool(config::function_config config, environment_factory factory,
                             table_provider& tables, blocking_executor executor,
                             std::size_t queue_limit)
    : impl_(std::make_shared<impl>(std::move(config), std::move(factory), tables,
                                   std::move(executor), queue_limit)) {}

// Work already handed to the executor holds its own reference to the impl, so it finishes
// after the pool is gone.
function_pool::~function_pool() = default;

void function_pool::invoke(invocation_request request,
                           std::function<void(invocation_result)> done) {
    impl_->invoke(std::move(request), std::move(done));
}

const config::function_config& function_pool::config() const {
    return impl_->config_;
}

const std::string& function_pool::arn() const {
    return impl_->identity_.arn;
}

std::size_t function_pool::environment_count() const {
    return impl_->environment_count();
}

}  // namespace lambdad::lambda
