#include "lambda_api/api_error.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

namespace lambdad::lambda_api {

api_error api_error::function_not_found(const std::string& arn) {
    return api_error(404, "ResourceNotFoundException", "Function not found: " + arn);
}

api_error api_error::validation(const std::string& message) {
    return api_error(400, "ValidationException", message);
}

api_error api_error::invalid_parameter(const std::string& message) {
    return api_error(400, "InvalidParameterValueException", message);
}

api_error api_error::invalid_content(const std::string& message) {
    return api_error(400, "InvalidRequestContentException", message);
}

api_error api_error::too_large(std::size_t limit_bytes) {
    return api_error(413, "RequestTooLargeException",
                     "Request must be smaller than " + std::to_string(limit_bytes) +
                         " bytes for the InvokeFunction operation");
}

// Lambda's error bodies contain the error class in `Type` ("User" for a caller's mistake) and
// the text in `message`. The error name is in the x-amzn-ErrorType header.
http::response error_response(const api_error& error, const std::string& request_id) {
    boost::json::object body;
    body["Type"] = "User";
    body["message"] = error.what();
    http::response response =
        json_response(error.status(), boost::json::serialize(body), request_id);
    response.headers.push_back({"x-amzn-ErrorType", error.type()});
    return response;
}

http::response json_response(unsigned status, std::string body, const std::string& request_id) {
    http::response response;
    response.status = status;
    response.headers.push_back({"Content-Type", "application/json"});
    response.headers.push_back({"x-amzn-RequestId", request_id});
    response.body = std::move(body);
    return response;
}

}  // namespace lambdad::lambda_api
