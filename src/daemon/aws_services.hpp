#pragma once

#include "apigw/gateway.hpp"
#include "aws/endpoint.hpp"
#include "config/config.hpp"
#include "lambda/function_pool.hpp"
#include "storage/database.hpp"

namespace lambdad::daemon {

/// The daemon parts that the services of the AWS endpoint are built from. Every member outlives
/// the endpoint.
struct aws_service_context {
    const config::daemon_config& config;
    const apigw::function_map& functions;
    storage::database& database;
    lambda::blocking_executor executor;
};

/// Adds every AWS-compatible API that the daemon serves to `endpoint`.
void add_aws_services(aws::endpoint& endpoint, const aws_service_context& context);

}  // namespace lambdad::daemon
