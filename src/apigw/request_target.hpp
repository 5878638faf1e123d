#pragma once

#include <string_view>

namespace lambdad::apigw {

/// A request target split at the first `?`, both parts still percent-encoded.
struct request_target {
    std::string_view path;
    /// The text after `?`, empty when there is none.
    std::string_view query;
};

/// Splits an origin-form request target such as `/Prod/users?limit=5`.
request_target split_target(std::string_view target);

/// Returns `path` without a leading `/<stage>` segment: `/Prod/users` and `/users` both give
/// `/users`, and `/Prod` gives `/`. Local tools such as `sam local start-api` send paths
/// without the stage, so both forms are accepted.
std::string_view strip_stage(std::string_view path, std::string_view stage);

}  // namespace lambdad::apigw
