#pragma once

#include <string_view>

namespace lambdad {

/// The account id in every ARN and event; AWS documentation uses the same placeholder.
inline constexpr std::string_view account_id = "123456789012";
/// The region in every ARN.
inline constexpr std::string_view region = "us-east-1";

}  // namespace lambdad
