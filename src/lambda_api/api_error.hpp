#pragma once

#include "http/message.hpp"

#include <stdexcept>
#include <string>

namespace lambdad::lambda_api {

/// An error of the Lambda API: its HTTP status, its type (sent as `x-amzn-ErrorType`) and
/// message. Thrown by request handling and turned into a response at one catch in the service.
class api_error : public std::runtime_error {
public:
    api_error(unsigned status, std::string type, const std::string& message)
        : std::runtime_error(message), status_(status), type_(std::move(type)) {}

    unsigned status() const { return status_; }
    const std::string& type() const { return type_; }

    /// 404 ResourceNotFoundException: "Function not found: <arn>".
    static api_error function_not_found(const std::string& arn);
    /// 400 ValidationException.
    static api_error validation(const std::string& message);
    /// 400 InvalidParameterValueException.
    static api_error invalid_parameter(const std::string& message);
    /// 400 InvalidRequestContentException.
    static api_error invalid_content(const std::string& message);
    /// 413 RequestTooLargeException for a payload over `limit_bytes`.
    static api_error too_large(std::size_t limit_bytes);

private:
    unsigned status_;
    std::string type_;
};

/// The response for `error`: Lambda's `{"Type": "User", "message": ...}` body with
/// `x-amzn-ErrorType` and `x-amzn-RequestId`.
http::response error_response(const api_error& error, const std::string& request_id);

/// A JSON response with status `status` and `x-amzn-RequestId`.
http::response json_response(unsigned status, std::string body, const std::string& request_id);

}  // namespace lambdad::lambda_api
