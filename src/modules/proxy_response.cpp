#include "modules/proxy_response.hpp"

#include <boost/json.hpp>

namespace lambdad::modules {

std::string proxy_response(int status_code, const std::vector<header>& headers,
                           std::string_view body) {
    boost::json::object header_object;
    for (const auto& [name, value] : headers) {
        header_object[name] = value;
    }
    boost::json::object response;
    response["statusCode"] = status_code;
    response["headers"] = std::move(header_object);
    response["body"] = body;
    return boost::json::serialize(response);
}

}  // namespace lambdad::modules
