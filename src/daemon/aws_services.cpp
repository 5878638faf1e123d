#include "daemon/aws_services.hpp"

namespace lambdad::daemon {

void add_aws_services(aws::endpoint& endpoint, const aws_service_context& context) {
    // Each AWS-compatible API registers its X-Amz-Target prefix or path prefix here.
    static_cast<void>(endpoint);
    static_cast<void>(context);
}

}  // namespace lambdad::daemon
