#include "daemon/aws_services.hpp"

#include "dynamodb/service.hpp"
#include "lambda_api/service.hpp"

#include <memory>

namespace lambdad::daemon {

void add_aws_services(aws::endpoint& endpoint, const aws_service_context& context) {
    // Each AWS-compatible API registers its X-Amz-Target prefix or its paths here.
    // The DynamoDB handlers share one service, which lives as long as the endpoint and the
    // requests it queued. Its path handler serves requests to `/` without X-Amz-Target.
    auto dynamodb = std::make_shared<dynamodb::service>(context.database, context.executor);
    endpoint.add_target_service(std::string(dynamodb::target_prefix),
                                [dynamodb](http::request&& request, http::responder respond) {
                                    dynamodb->handle(std::move(request), std::move(respond));
                                });
    endpoint.add_exact_path_service(
        "/", [dynamodb](http::request&& request, http::responder respond) {
            dynamodb->handle_path(std::move(request), std::move(respond));
        });
    auto lambda = std::make_shared<lambda_api::service>(context.functions);
    for (const char* prefix : lambda_api::path_prefixes) {
        endpoint.add_path_service(prefix,
                                  [lambda](http::request&& request, http::responder respond) {
                                      lambda->handle(std::move(request), std::move(respond));
                                  });
    }
}

}  // namespace lambdad::daemon
