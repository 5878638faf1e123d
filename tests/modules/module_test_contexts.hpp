#pragma once

#include "lambdad/function.hpp"

#include <map>
#include <string>

namespace lambdad::test {

/// An init_context with the given environment and options.
class test_init_context : public init_context {
public:
    test_init_context(table_provider& tables, std::map<std::string, std::string> environment,
                      std::map<std::string, std::string> options = {})
        : tables_(tables), environment_(std::move(environment)), options_(std::move(options)) {}

    const std::string& function_name() const override { return name_; }
    const std::map<std::string, std::string>& environment() const override { return environment_; }
    const std::map<std::string, std::string>& options() const override { return options_; }
    table_provider& tables() const override { return tables_; }
    void log(std::string_view) const override {}

private:
    std::string name_ = "TestFunction";
    table_provider& tables_;
    std::map<std::string, std::string> environment_;
    std::map<std::string, std::string> options_;
};

/// An invocation_context with a fixed request id and a deadline 3 s after its creation.
class test_invocation_context : public invocation_context {
public:
    const std::string& request_id() const override { return request_id_; }
    const std::string& function_name() const override { return name_; }
    const std::string& function_arn() const override { return arn_; }
    std::uint32_t memory_limit_mb() const override { return 128; }
    std::chrono::steady_clock::time_point deadline() const override { return deadline_; }
    void log(std::string_view) const override {}

private:
    std::string request_id_ = "c6af9ac6-7b61-11e6-9a41-93e812345678";
    std::string name_ = "TestFunction";
    std::string arn_ = "arn:aws:lambda:us-east-1:123456789012:function:TestFunction";
    std::chrono::steady_clock::time_point deadline_ =
        std::chrono::steady_clock::now() + std::chrono::seconds(3);
};

}  // namespace lambdad::test
