#include "lambda/function_pool.hpp"

#include "lambda/function_pool_impl.hpp"

#include <thread>
#include <utility>

namespace lambdad::lambda {

function_pool::impl::impl(config::function_config config, environment_factory factory,
                          table_provider& tables, blocking_executor executor,
                          std::shared_ptr<account> shared_account, environment_threads threads)
    : config_(std::move(config)),
      factory_(std::move(factory)),
      tables_(tables),
      executor_(std::move(executor)),
      account_(shared_account ? std::move(shared_account) : std::make_shared<account>()),
      identity_{config_.name, function_arn(config_.name), config_.memory_size_mb,
                function_logger()},
      threaded_(threads == environment_threads::own),
      reserved_(config_.reserved_concurrency) {
    if (!account_->change_reservation(std::nullopt, reserved_, false)) {
        throw config::config_error("function " + config_.name + " reserves " +
                                   std::to_string(reserved_.value_or(0)) +
                                   " concurrency, more than the account's unreserved concurrency");
    }
}

// Admission: a unit of concurrency first (the function's reservation, or else the account's
// unreserved concurrency), then an idle environment or a new one. Synchronous invocations beyond
// the limits are throttled at once, not queued, as Lambda rejects them with 429.
void function_pool::impl::invoke(invocation_request request, completion done) {
    pending_invocation work{std::move(request), std::move(done), false};
    std::unique_lock lock(mutex_);
    if (reserved_) {
        if (in_flight_ >= *reserved_) {
            lock.unlock();
            post_throttled(std::move(work.done), throttle_reason::reserved_function);
            return;
        }
    } else if (account_->try_acquire_unreserved()) {
        work.from_account = true;
    } else {
        lock.unlock();
        post_throttled(std::move(work.done), throttle_reason::account);
        return;
    }
    ++in_flight_;
    if (!threaded_) {
        invoke_on_caller(std::move(work), lock);
        return;
    }
    if (!idle_.empty()) {
        std::shared_ptr<environment_slot> slot = std::move(idle_.back());
        idle_.pop_back();
        slot->next.emplace(std::move(work));
        lock.unlock();
        slot->wake.notify_one();
        return;
    }
    ++environment_count_;
    lock.unlock();
    start_environment(std::move(work), false);
}

// Without threads of their own, idle environments are shut down lazily: each invocation first
// shuts down those idle for longer than the idle timeout.
void function_pool::impl::invoke_on_caller(pending_invocation work,
                                           std::unique_lock<std::mutex>& lock) {
    std::vector<std::shared_ptr<environment_slot>> expired = take_expired_idle();
    std::shared_ptr<environment_slot> slot;
    if (!idle_.empty()) {
        slot = std::move(idle_.back());
        idle_.pop_back();
    } else {
        ++environment_count_;
    }
    lock.unlock();
    for (auto& idle : expired) {
        finish_environment(idle, std::move(idle->inline_environment), "idle timeout");
    }
    run_on_caller(std::move(slot), std::move(work));
}

// Removes the idle environments whose idle timeout has passed. Called with `mutex_` held.
std::vector<std::shared_ptr<environment_slot>> function_pool::impl::take_expired_idle() {
    std::vector<std::shared_ptr<environment_slot>> expired;
    steady_clock::time_point now = steady_clock::now();
    auto first_kept = idle_.begin();
    // `idle_` is in the order the environments became idle, the oldest first.
    // NOTE: a provisioned environment at the front stops the scan, so on-demand environments
    // that became idle after it stay until it is used again.
    while (first_kept != idle_.end() && !(*first_kept)->provisioned &&
           (*first_kept)->idle_since + config_.idle_timeout <= now) {
        ++first_kept;
    }
    if (first_kept != idle_.begin()) {
        expired.assign(std::make_move_iterator(idle_.begin()), std::make_move_iterator(first_kept));
        idle_.erase(idle_.begin(), first_kept);
    }
    return expired;
}

void function_pool::impl::post_throttled(completion done, throttle_reason reason) {
    identity_.logger->warn("Invocation throttled. function={} reason={}", identity_.name,
                           reason == throttle_reason::account ? "account" : "reserved_function");
    executor_([done = std::move(done), reason] {
        invocation_result result;
        result.status = invocation_status::throttled;
        result.throttle = reason;
        done(std::move(result));
    });
}

// Each environment runs on a detached thread of its own, which keeps the pool's state alive. A
// thread that finishes normally leaves through finish_environment(); one whose handler never
// returns stays blocked until the process exits.
void function_pool::impl::start_environment(std::optional<pending_invocation> first,
                                            bool provisioned) {
    auto slot = std::make_shared<environment_slot>(weak_from_this(), provisioned);
    account_->watchdog().add(slot);
    std::thread([self = shared_from_this(), slot, first = std::move(first)]() mutable {
        self->run_environment(std::move(slot), std::move(first));
    }).detach();
}

void function_pool::impl::start_provisioned() {
    std::unique_lock lock(mutex_);
    std::uint32_t count = config_.provisioned_concurrency;
    environment_count_ += count;
    provisioning_ += count;
    lock.unlock();
    for (std::uint32_t i = 0; i < count; ++i) {
        if (threaded_) {
            start_environment(std::nullopt, true);
        } else {
            initialise_provisioned_here();
        }
    }
    lock.lock();
    changed_.wait(lock, [this] { return provisioning_ == 0; });
}

void function_pool::impl::release_concurrency(bool from_account) {
    if (from_account) {
        account_->release_unreserved();
    }
    std::lock_guard lock(mutex_);
    --in_flight_;
}

// Idle environments shut down at once; busy ones after their invocation ends or times out.
void function_pool::impl::shut_down() {
    std::unique_lock lock(mutex_);
    if (stopping_) {
        return;
    }
    stopping_ = true;
    std::vector<std::shared_ptr<environment_slot>> idle = std::move(idle_);
    idle_.clear();
    for (const auto& slot : idle) {
        slot->exit_requested = true;
        slot->wake.notify_one();
    }
    if (!threaded_) {
        lock.unlock();
        for (const auto& slot : idle) {
            finish_environment(slot, std::move(slot->inline_environment), "shutdown");
        }
        lock.lock();
    }
    changed_.wait(lock, [this] { return environment_count_ == 0; });
    account_->change_reservation(reserved_, std::nullopt, false);
}

std::size_t function_pool::impl::environment_count() const {
    std::lock_guard lock(mutex_);
    return environment_count_;
}

std::optional<std::uint32_t> function_pool::impl::reserved_concurrency() const {
    std::lock_guard lock(mutex_);
    return reserved_;
}

bool function_pool::impl::set_reserved_concurrency(std::optional<std::uint32_t> reserved) {
    std::lock_guard lock(mutex_);
    if (!account_->change_reservation(reserved_, reserved, reserved.has_value())) {
        return false;
    }
    reserved_ = reserved;
    return true;
}

function_pool::function_pool(config::function_config config, environment_factory factory,
                             table_provider& tables, blocking_executor executor,
                             std::shared_ptr<account> shared_account, environment_threads threads)
    : impl_(std::make_shared<impl>(std::move(config), std::move(factory), tables,
                                   std::move(executor), std::move(shared_account), threads)) {
    impl_->start_provisioned();
}

function_pool::~function_pool() {
    impl_->shut_down();
}

void function_pool::shut_down() {
    impl_->shut_down();
}

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

std::optional<std::uint32_t> function_pool::reserved_concurrency() const {
    return impl_->reserved_concurrency();
}

bool function_pool::set_reserved_concurrency(std::optional<std::uint32_t> reserved) {
    return impl_->set_reserved_concurrency(reserved);
}

}  // namespace lambdad::lambda
