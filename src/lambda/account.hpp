#pragma once

#include "lambda/deadline_watchdog.hpp"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>

namespace lambdad::lambda {

/// The Lambda account that every function of the daemon belongs to: its concurrency limit,
/// shared by the functions that reserve no concurrency. Thread-safe.
///
/// As the AWS Lambda Developer Guide ("Configuring reserved concurrency") describes, a
/// function's reserved concurrency is taken out of the account's limit, and the functions
/// without one share the rest, the unreserved concurrency.
class account {
public:
    /// `concurrent_executions` is Lambda's account quota; AWS's default is 1000.
    explicit account(std::uint32_t concurrent_executions = 1000);

    /// The account's concurrency limit.
    std::uint32_t concurrent_executions() const { return concurrent_executions_; }
    /// The unreserved concurrency that PutFunctionConcurrency must leave: 100 in Lambda, or
    /// the whole limit when it is below 100.
    std::uint32_t unreserved_minimum() const;
    /// The concurrency that no function has reserved.
    std::uint32_t unreserved_concurrency() const;

    /// Changes one function's reservation from `previous` to `next` (unset: none). Returns
    /// false and changes nothing when the reservations would exceed the limit or, with
    /// `check_minimum`, leave less than unreserved_minimum() unreserved.
    bool change_reservation(std::optional<std::uint32_t> previous,
                            std::optional<std::uint32_t> next, bool check_minimum);

    /// Takes one unit of unreserved concurrency; false when all of it is in use.
    bool try_acquire_unreserved();
    /// Gives back a unit taken by try_acquire_unreserved().
    void release_unreserved();

    /// The watchdog that times out the account's invocations.
    deadline_watchdog& watchdog() { return deadline_watchdog::shared(); }

private:
    const std::uint32_t concurrent_executions_;
    mutable std::mutex mutex_;
    std::uint64_t reserved_total_ = 0;  // guarded by `mutex_`
    std::atomic<std::int64_t> unreserved_capacity_;
    std::atomic<std::int64_t> unreserved_in_use_{0};
};

}  // namespace lambdad::lambda
