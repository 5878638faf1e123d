#pragma once

#include "lambda/function_logger.hpp"
#include "lambdad/function.hpp"

#include <spdlog/logger.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace lambdad::lambda {

/// The function-wide facts that every context of one function shares.
struct function_identity {
    std::string name;
    /// `arn:aws:lambda:<region>:<account>:function:<name>`.
    std::string arn;
    std::uint32_t memory_size_mb = 128;
    std::shared_ptr<spdlog::logger> logger;
};

/// Builds the ARN of function `name` in lambdad's account and region.
std::string function_arn(std::string_view name);

/// The invocation_context passed to one invocation. It refers to `identity`, `request_id` and
/// `capture`, which must outlive it. Lines that the function logs also go to `capture` unless
/// it is null.
class pool_invocation_context final : public invocation_context {
public:
    pool_invocation_context(const function_identity& identity, const std::string& request_id,
                            std::chrono::steady_clock::time_point deadline, log_capture* capture,
                            const std::string& client_context);

    const std::string& request_id() const override { return request_id_; }
    const std::string& function_name() const override { return identity_.name; }
    const std::string& function_arn() const override { return identity_.arn; }
    std::uint32_t memory_limit_mb() const override { return identity_.memory_size_mb; }
    std::chrono::steady_clock::time_point deadline() const override { return deadline_; }
    void log(std::string_view message) const override;
    const std::string& client_context() const override { return client_context_; }

private:
    const function_identity& identity_;
    const std::string& request_id_;
    const std::string& client_context_;
    std::chrono::steady_clock::time_point deadline_;
    log_capture* capture_;
};

/// The init_context passed to a function's factory. It refers to its arguments, which must
/// outlive it.
class pool_init_context final : public init_context {
public:
    pool_init_context(const function_identity& identity,
                      const std::map<std::string, std::string>& environment,
                      const std::map<std::string, std::string>& options, table_provider& tables);

    const std::string& function_name() const override { return identity_.name; }
    const std::map<std::string, std::string>& environment() const override { return environment_; }
    const std::map<std::string, std::string>& options() const override { return options_; }
    table_provider& tables() const override { return tables_; }
    void log(std::string_view message) const override;

private:
    const function_identity& identity_;
    const std::map<std::string, std::string>& environment_;
    const std::map<std::string, std::string>& options_;
    table_provider& tables_;
};

}  // namespace lambdad::lambda
