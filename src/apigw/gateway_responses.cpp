#include "apigw/gateway_responses.hpp"

#include "common/ids.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace lambdad::apigw {
namespace {

http::response json_error(unsigned status, std::string body) {
    http::response response;
    response.status = status;
    response.headers.push_back({"Content-Type", "application/json"});
    response.body = std::move(body);
    return response;
}

}  // namespace

http::response missing_authentication_token() {
    http::response response = json_error(403, R"({"message":"Missing Authentication Token"})");
    response.headers.push_back({"x-amzn-ErrorType", "MissingAuthenticationTokenException"});
    return response;
}

http::response request_too_large() {
    // NOTE: the status and type are documented; the body text is API Gateway's observed default
    // and does not appear in its documentation.
    return json_error(413, R"({"message":"Request Too Long"})");
}

http::response internal_server_error(unsigned status) {
    return json_error(status, R"({"message": "Internal server error"})");
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
