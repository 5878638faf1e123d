#include "apigw/gateway_responses.hpp"

#include "common/ids.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace lambdad::apigw {
namespace {

http::response json_error(unsigned status, std::string body, std::string error_type) {
    http::response response;
    response.status = status;
    response.headers.push_back({"Content-Type", "application/json"});
    response.headers.push_back({"x-amzn-ErrorType", std::move(error_type)});
    response.body = std::move(body);
    return response;
}

}  // namespace

http::response missing_authentication_token() {
    return json_error(403, R"({"message":"Missing Authentication Token"})",
                      "MissingAuthenticationTokenException");
}

http::response request_too_large(bool http_api) {
    // NOTE: the status is documented ("Amazon API Gateway quotas", 10 MB payload); the bodies
    // are API Gateway's observed defaults and do not appear in its documentation.
    if (http_api) {
        return json_error(413, R"({"message":"Request Entity Too Large"})",
                          "RequestEntityTooLargeException");
    }
    return json_error(413, R"({"message":"Request Too Long"})", "RequestTooLongException");
}

http::response internal_server_error(unsigned status) {
    return json_error(status, R"({"message": "Internal server error"})",
                      "InternalServerErrorException");
}

http::response integration_timeout() {
    // The body is the default of the INTEGRATION_TIMEOUT gateway response.
    return json_error(504, R"({"message": "Endpoint request timed out"})",
                      "IntegrationTimeoutException");
}

// HTTP APIs have no customisable gateway responses. The developer guide quotes two bodies:
// {"message":"Not Found"} in "Create routes for HTTP APIs in API Gateway" and
// {"message":"Internal Server Error"} in "Troubleshooting issues with HTTP API Lambda
// integrations". The x-amzn-ErrorType names of HTTP API errors are lambdad's own.
http::response http_not_found() {
    return json_error(404, R"({"message":"Not Found"})", "NotFoundException");
}

http::response http_internal_server_error() {
    return json_error(500, R"({"message":"Internal Server Error"})",
                      "InternalServerErrorException");
}

// NOTE: the guide does not quote the body of an HTTP API's integration timeout. This is the
// 503 body that HTTP APIs are commonly observed to send.
http::response http_service_unavailable() {
    return json_error(503, R"({"message":"Service Unavailable"})", "ServiceUnavailableException");
}

std::string make_extended_request_id() {
    std::array<unsigned char, 11> random{};
    fill_random(random.data(), random.size());
    std::array<unsigned char, 17> encoded{};
    int length = EVP_EncodeBlock(encoded.data(), random.data(), static_cast<int>(random.size()));
    return std::string(reinterpret_cast<const char*>(encoded.data()),
                       static_cast<std::size_t>(length));
}

}  // namespace lambdad::apigw
