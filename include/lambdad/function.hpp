#pragma once

#include "lambdad/table.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lambdad {

/// An error a handler reports on purpose. It reaches callers as Lambda's function error
/// payload, `{"errorMessage": what(), "errorType": type()}`. Any other exception thrown by a
/// handler is reported the same way with the exception's type name as errorType.
class function_error : public std::runtime_error {
public:
    function_error(std::string type, const std::string& message)
        : std::runtime_error(message), type_(std::move(type)) {}

    /// The errorType reported to the caller.
    const std::string& type() const { return type_; }

private:
    std::string type_;
};

/// What an invocation knows about itself, like the context object of Lambda's runtimes.
/// Valid only for the duration of the invocation it is passed to.
class invocation_context {
public:
    virtual ~invocation_context() = default;

    /// The invocation's request id (a UUID), also the id in START, END and REPORT lines.
    virtual const std::string& request_id() const = 0;
    /// The function's name.
    virtual const std::string& function_name() const = 0;
    /// The function's ARN, `arn:aws:lambda:<region>:<account>:function:<name>`.
    virtual const std::string& function_arn() const = 0;
    /// The function's configured memory size in MB.
    virtual std::uint32_t memory_limit_mb() const = 0;
    /// The moment the invocation times out.
    virtual std::chrono::steady_clock::time_point deadline() const = 0;
    /// The time left before the deadline, zero once it has passed.
    std::chrono::milliseconds remaining_time() const {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline() - std::chrono::steady_clock::now());
        return left.count() > 0 ? left : std::chrono::milliseconds(0);
    }
    /// Writes one line to the function's log, tagged with the request id.
    virtual void log(std::string_view message) const = 0;
    /// Returns the client context of the invocation as JSON text (the decoded X-Amz-Client-Context
    /// of a Lambda Invoke call), or empty when the caller sent none.
    virtual const std::string& client_context() const {
        static const std::string none;
        return none;
    }
};

/// What an environment receives once, when it is initialised.
class init_context {
public:
    virtual ~init_context() = default;

    /// The function's name.
    virtual const std::string& function_name() const = 0;
    /// The function's environment variables from the configuration.
    virtual const std::map<std::string, std::string>& environment() const = 0;
    /// The value of environment variable `name`, or an empty string when it is not set.
    std::string getenv(std::string_view name) const {
        auto found = environment().find(std::string(name));
        return found == environment().end() ? std::string() : found->second;
    }
    /// Module-specific settings from the function's `options` in the configuration.
    virtual const std::map<std::string, std::string>& options() const = 0;
    /// The tables of the daemon.
    virtual table_provider& tables() const = 0;
    /// Writes one line to the function's log during initialisation.
    virtual void log(std::string_view message) const = 0;
};

/// One execution environment of a function: created once (its init phase), then invoked
/// any number of times, one invocation at a time. It is never called from two threads at once.
class environment {
public:
    virtual ~environment() = default;

    /// Handles one event. `event` is the JSON text of the event; the result must be JSON text.
    /// Throwing reports a function error to the caller; the environment stays in use.
    virtual std::string invoke(std::string_view event, const invocation_context& context) = 0;
};

/// Creates an environment: the init phase of a function. May throw to report an init error.
using environment_factory = std::function<std::unique_ptr<environment>(const init_context&)>;

}  // namespace lambdad
