#include "lambda/contexts.hpp"

#include "common/aws_account.hpp"

#include <fmt/format.h>

namespace lambdad::lambda {

std::string function_arn(std::string_view name) {
    std::string arn = "arn:aws:lambda:";
    arn += region;
    arn += ':';
    arn += account_id;
    arn += ":function:";
    arn += name;
    return arn;
}

pool_invocation_context::pool_invocation_context(const function_identity& identity,
                                                 const std::string& request_id,
                                                 std::chrono::steady_clock::time_point deadline,
                                                 log_capture* capture,
                                                 const std::string& client_context)
    : identity_(identity),
      request_id_(request_id),
      client_context_(client_context),
      deadline_(deadline),
      capture_(capture) {}

// Lambda's runtimes prefix each line that function code logs with the request id, so that
// lines of concurrent invocations can be separated.
void pool_invocation_context::log(std::string_view message) const {
    identity_.logger->info("{}\t{}", request_id_, message);
    if (capture_ != nullptr) {
        capture_->append(fmt::format("{}\t{}", request_id_, message));
    }
}

pool_init_context::pool_init_context(const function_identity& identity,
                                     const std::map<std::string, std::string>& environment,
                                     const std::map<std::string, std::string>& options,
                                     table_provider& tables)
    : identity_(identity), environment_(environment), options_(options), tables_(tables) {}

// Init-phase lines carry no request id because no invocation owns the init phase, so they
// carry the function name instead.
void pool_init_context::log(std::string_view message) const {
    identity_.logger->info("INIT function={}\t{}", identity_.name, message);
}

}  // namespace lambdad::lambda
