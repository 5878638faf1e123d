#pragma once

#include "config/config.hpp"
#include "http/message.hpp"
#include "lambda/function_pool.hpp"

#include <map>
#include <memory>
#include <string>

namespace lambdad::lambda_api {

/// The functions of the daemon by logical id (the same map as apigw::function_map).
using function_map = std::map<std::string, std::shared_ptr<lambda::function_pool>>;

/// The path prefixes of the Lambda API operations that the service implements, for the AWS
/// endpoint's routing: Invoke, ListFunctions and GetFunction under 2015-03-31, Put and
/// DeleteFunctionConcurrency under 2017-10-31, GetFunctionConcurrency under 2019-09-30.
inline constexpr const char* path_prefixes[] = {"/2015-03-31/functions", "/2017-10-31/functions",
                                                "/2019-09-30/functions"};

/// The Lambda API (REST-JSON protocol) over the daemon's functions, as the AWS Lambda API
/// reference documents it. Immutable after construction apart from each function's reserved
/// concurrency; safe to call from every I/O thread.
class service {
public:
    explicit service(const function_map& functions);
    ~service();
    service(const service&) = delete;
    service& operator=(const service&) = delete;

    /// Handles one request; see http::handler. Never blocks: invocations answer from the
    /// function's thread.
    void handle(http::request&& request, http::responder respond) const;

    class impl;

private:
    std::unique_ptr<impl> impl_;
};

}  // namespace lambdad::lambda_api
