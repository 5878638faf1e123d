#include "aws/endpoint.hpp"

#include "common/ids.hpp"
#include "common/utf8.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string_view>
#include <strings.h>
#include <utility>
#include <vector>

namespace lambdad::aws {
namespace {

struct prefix_service {
    std::string prefix;
    http::handler handler;
};

const std::string* find_header(const http::request& request, std::string_view name) {
    for (const auto& header : request.headers) {
        if (header.name.size() == name.size() &&
            ::strncasecmp(header.name.data(), name.data(), name.size()) == 0) {
            return &header.value;
        }
    }
    return nullptr;
}

std::string_view path_of(const std::string& target) {
    std::string_view path(target);
    return path.substr(0, path.find('?'));
}

http::response unknown_operation(const http::request& request) {
    std::string request_id = random_uuid();
    // The path may hold any bytes; JSON text and JSON log lines must be valid UTF-8.
    std::string path = replace_invalid_utf8(path_of(request.target));
    std::string method = replace_invalid_utf8(request.method);
    boost::json::object body;
    body["message"] = "No AWS API on this endpoint handles " + method + " " + path;
    http::response response;
    response.status = 404;
    response.headers.push_back({"Content-Type", "application/json"});
    response.headers.push_back({"x-amzn-RequestId", request_id});
    response.headers.push_back({"x-amzn-ErrorType", "UnknownOperationException"});
    response.body = boost::json::serialize(body);
    spdlog::get("lambdad")->info("No AWS API matches the request. request_id={} method={} path={}",
                                 request_id, method, path);
    return response;
}

}  // namespace

class endpoint::impl {
public:
    std::vector<prefix_service> target_services;
    // Sorted by descending prefix length, so that the first match is the longest.
    std::vector<prefix_service> path_services;
    std::vector<prefix_service> exact_path_services;

    const http::handler* find(const http::request& request) const {
        if (const std::string* target = find_header(request, "X-Amz-Target")) {
            for (const auto& service : target_services) {
                if (target->starts_with(service.prefix)) {
                    return &service.handler;
                }
            }
        }
        std::string_view path = path_of(request.target);
        for (const auto& service : exact_path_services) {
            if (path == service.prefix) {
                return &service.handler;
            }
        }
        for (const auto& service : path_services) {
            if (path.starts_with(service.prefix)) {
                return &service.handler;
            }
        }
        return nullptr;
    }
};

endpoint::endpoint() : impl_(std::make_unique<impl>()) {}

endpoint::~endpoint() = default;

void endpoint::add_target_service(std::string prefix, http::handler handler) {
    impl_->target_services.push_back({std::move(prefix), std::move(handler)});
}

void endpoint::add_path_service(std::string path_prefix, http::handler handler) {
    auto& services = impl_->path_services;
    services.push_back({std::move(path_prefix), std::move(handler)});
    std::stable_sort(services.begin(), services.end(), [](const auto& left, const auto& right) {
        return left.prefix.size() > right.prefix.size();
    });
}

void endpoint::add_exact_path_service(std::string path, http::handler handler) {
    impl_->exact_path_services.push_back({std::move(path), std::move(handler)});
}

void endpoint::handle(http::request&& request, http::responder respond) const {
    const http::handler* handler = impl_->find(request);
    if (handler == nullptr) {
        respond(unknown_operation(request));
        return;
    }
    (*handler)(std::move(request), std::move(respond));
}

}  // namespace lambdad::aws
