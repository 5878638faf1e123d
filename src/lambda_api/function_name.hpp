#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lambdad::lambda_api {

/// A FunctionName path parameter taken apart.
struct function_reference {
    /// The bare function name.
    std::string name;
    /// The version or alias after the name, if the reference carried one.
    std::optional<std::string> qualifier;
    /// The ARN without qualifier when the reference names another account or region, which
    /// names no function of this daemon; the 404 message quotes it.
    std::optional<std::string> foreign_arn;
};

/// Parses the forms that the Lambda API reference allows for FunctionName: a name
/// (`my-function`), a name with qualifier (`my-function:v1`), a partial ARN
/// (`123456789012:function:my-function`) or a full ARN
/// (`arn:aws:lambda:us-west-2:123456789012:function:my-function`), each optionally qualified.
/// Returns nothing when `text` has none of these forms. An ARN of another account or region
/// parses, and then names no function of this daemon.
std::optional<function_reference> parse_function_reference(std::string_view text);

/// Whether `text` is a function name: 1 to 64 letters, digits, '-' or '_'.
bool is_function_name(std::string_view text);

}  // namespace lambdad::lambda_api
