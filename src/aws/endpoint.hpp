#pragma once

#include "http/message.hpp"

#include <memory>
#include <string>

namespace lambdad::aws {

/// The AWS endpoint (port 3001 by default): one listener for every AWS-compatible API of the
/// daemon, such as the Lambda API and the DynamoDB API.
///
/// A request goes to the service whose X-Amz-Target prefix matches its `X-Amz-Target` header
/// (JSON protocol APIs such as DynamoDB), else to the service with the longest matching path
/// prefix (REST protocol APIs such as Lambda's `/2015-03-31/functions`). Services are added
/// before the server starts; afterwards the endpoint is immutable and safe to call from every
/// I/O thread.
class endpoint {
public:
    endpoint();
    ~endpoint();
    endpoint(const endpoint&) = delete;
    endpoint& operator=(const endpoint&) = delete;

    /// Routes requests whose `X-Amz-Target` header starts with `prefix`, for example
    /// "DynamoDB_20120810.", to `handler`.
    void add_target_service(std::string prefix, http::handler handler);
    /// Routes requests without a matching `X-Amz-Target` whose path starts with `path_prefix`,
    /// for example "/2015-03-31/functions", to `handler`. The prefix "/" matches every path.
    void add_path_service(std::string path_prefix, http::handler handler);

    /// Routes requests without a matching `X-Amz-Target` whose path is exactly `path`, for
    /// example "/" for DynamoDB's health check, to `handler`. Exact paths win over prefixes.
    void add_exact_path_service(std::string path, http::handler handler);

    /// Handles one request; see http::handler. Requests that no service matches get 404 with
    /// `x-amzn-ErrorType: UnknownOperationException`.
    void handle(http::request&& request, http::responder respond) const;

    class impl;

private:
    std::unique_ptr<impl> impl_;
};

}  // namespace lambdad::aws
