#pragma once

#include <exception>
#include <string>
#include <string_view>

namespace lambdad::lambda {

/// A function error as Lambda reports it.
struct function_failure {
    /// The errorType, for example "Runtime.InitError" or "std::runtime_error".
    std::string type;
    /// The errorMessage.
    std::string message;
};

/// Describes the exception being handled: a function_error gives its own type, any other
/// exception the demangled name of its dynamic type. Call only inside a catch block.
function_failure describe_current_exception();

/// Builds Lambda's function error payload,
/// `{"errorMessage": "...", "errorType": "...", "stackTrace": []}`.
std::string error_payload(const function_failure& failure);

}  // namespace lambdad::lambda
