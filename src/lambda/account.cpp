#include "lambda/account.hpp"

#include <algorithm>

namespace lambdad::lambda {

account::account(std::uint32_t concurrent_executions)
    : concurrent_executions_(concurrent_executions), unreserved_capacity_(concurrent_executions) {}

// The AWS Lambda Developer Guide ("Configuring reserved concurrency"): Lambda keeps at least
// 100 units of concurrency unreserved for the functions that reserve none.
std::uint32_t account::unreserved_minimum() const {
    return std::min<std::uint32_t>(100, concurrent_executions_);
}

std::uint32_t account::unreserved_concurrency() const {
    return static_cast<std::uint32_t>(std::max<std::int64_t>(unreserved_capacity_.load(), 0));
}

bool account::change_reservation(std::optional<std::uint32_t> previous,
                                 std::optional<std::uint32_t> next, bool check_minimum) {
    std::lock_guard lock(mutex_);
    std::uint64_t total = reserved_total_ - previous.value_or(0) + next.value_or(0);
    if (total > concurrent_executions_ ||
        (check_minimum && total + unreserved_minimum() > concurrent_executions_)) {
        return false;
    }
    reserved_total_ = total;
    unreserved_capacity_.store(static_cast<std::int64_t>(concurrent_executions_) -
                               static_cast<std::int64_t>(total));
    return true;
}

bool account::try_acquire_unreserved() {
    std::int64_t in_use = unreserved_in_use_.fetch_add(1) + 1;
    if (in_use <= unreserved_capacity_.load()) {
        return true;
    }
    unreserved_in_use_.fetch_sub(1);
    return false;
}

void account::release_unreserved() {
    unreserved_in_use_.fetch_sub(1);
}

}  // namespace lambdad::lambda
