#include "lambda_api/service.hpp"

#include "common/ids.hpp"
#include "lambda/contexts.hpp"
#include "lambda_api/function_configuration.hpp"
#include "lambda_api/service_impl.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/url/parse.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <vector>

namespace lambdad::lambda_api {
namespace {

std::vector<std::string> decoded_segments(const boost::urls::url_view& url) {
    std::vector<std::string> segments;
    for (auto segment : url.segments()) {
        segments.push_back(std::string(segment));
    }
    if (!segments.empty() && segments.back().empty()) {
        segments.pop_back();
    }
    return segments;
}

std::optional<std::string> query_parameter(const boost::urls::url_view& url,
                                           std::string_view name) {
    auto found = url.params().find(name);
    if (found == url.params().end()) {
        return std::nullopt;
    }
    return std::string((*found).value);
}

api_error unknown_operation(const http::request& request, const boost::urls::url_view& url) {
    return api_error(404, "UnknownOperationException",
                     "No Lambda API operation handles " + request.method + " " +
                         std::string(url.encoded_path()));
}

}  // namespace

service::impl::impl(const function_map& functions) : last_modified_(lambda_timestamp_now()) {
    for (const auto& [logical_id, pool] : functions) {
        by_name_.emplace(pool->config().name, pool);
    }
}

// The operations and their paths are those of the AWS Lambda API reference.
void service::impl::route(http::request& request, const boost::urls::url_view& url,
                          const std::string& request_id, http::responder& respond) const {
    std::vector<std::string> segments = decoded_segments(url);
    const std::string& method = request.method;
    if (segments.size() < 2 || segments[1] != "functions") {
        throw unknown_operation(request, url);
    }
    const std::string& version = segments[0];
    if (version == "2015-03-31") {
        if (segments.size() == 2 && method == "GET") {
            respond(list_functions(url, request_id));
            return;
        }
        if (segments.size() == 3 && method == "GET") {
            respond(get_function(segments[2], url, request_id));
            return;
        }
        if (segments.size() == 4 && segments[3] == "invocations" && method == "POST") {
            invoke(request, url, segments[2], request_id, respond);
            return;
        }
    } else if (segments.size() == 4 && segments[3] == "concurrency") {
        if (version == "2017-10-31" && method == "PUT") {
            respond(put_concurrency(request, segments[2], url, request_id));
            return;
        }
        if (version == "2017-10-31" && method == "DELETE") {
            respond(delete_concurrency(segments[2], url, request_id));
            return;
        }
        if (version == "2019-09-30" && method == "GET") {
            respond(get_concurrency(segments[2], url, request_id));
            return;
        }
    }
    throw unknown_operation(request, url);
}

resolved_function service::impl::resolve(const std::string& function_name,
                                         const boost::urls::url_view& url) const {
    std::optional<function_reference> reference = parse_function_reference(function_name);
    if (!reference) {
        throw api_error::validation(
            "1 validation error detected: Value '" + function_name +
            "' at 'functionName' failed to satisfy constraint: Member must be a function name, "
            "a partial ARN or a full ARN");
    }
    std::optional<std::string> qualifier = query_parameter(url, "Qualifier");
    if (reference->qualifier && qualifier && *reference->qualifier != *qualifier) {
        throw api_error::invalid_parameter(
            "The derived qualifier from the function name does not match the specified "
            "qualifier.");
    }
    if (!qualifier) {
        qualifier = reference->qualifier;
    }
    auto found = reference->foreign_arn ? by_name_.end() : by_name_.find(reference->name);
    std::string arn = reference->foreign_arn.value_or(lambda::function_arn(reference->name));
    if (found == by_name_.end()) {
        throw api_error::function_not_found(qualifier ? arn + ":" + *qualifier : arn);
    }
    const auto& aliases = found->second->config().aliases;
    if (qualifier && *qualifier != "$LATEST" &&
        std::find(aliases.begin(), aliases.end(), *qualifier) == aliases.end()) {
        throw api_error::function_not_found(arn + ":" + *qualifier);
    }
    return resolved_function{found->second, qualifier.value_or("")};
}

// ListFunctions pages with `Marker` (here the name of the next function) and `MaxItems`
// (1 to 10,000, default 50), as the AWS CLI sends them when it paginates.
http::response service::impl::list_functions(const boost::urls::url_view& url,
                                             const std::string& request_id) const {
    std::size_t max_items = 50;
    if (auto text = query_parameter(url, "MaxItems")) {
        char* end = nullptr;
        long value = std::strtol(text->c_str(), &end, 10);
        if (text->empty() || *end != '\0' || value < 1 || value > 10'000) {
            throw api_error::validation("1 validation error detected: Value '" + *text +
                                        "' at 'maxItems' failed to satisfy constraint: Member "
                                        "must have value between 1 and 10000");
        }
        max_items = static_cast<std::size_t>(value);
    }
    auto next = by_name_.begin();
    if (auto marker = query_parameter(url, "Marker")) {
        next = by_name_.lower_bound(*marker);
    }
    boost::json::array functions;
    for (; next != by_name_.end() && functions.size() < max_items; ++next) {
        functions.push_back(function_configuration(*next->second, last_modified_));
    }
    boost::json::object body;
    body["Functions"] = std::move(functions);
    if (next != by_name_.end()) {
        body["NextMarker"] = next->first;
    }
    return json_response(200, boost::json::serialize(body), request_id);
}

http::response service::impl::get_function(const std::string& function_name,
                                           const boost::urls::url_view& url,
                                           const std::string& request_id) const {
    resolved_function function = resolve(function_name, url);
    return json_response(
        200, boost::json::serialize(get_function_response(*function.pool, last_modified_)),
        request_id);
}

// PutFunctionConcurrency: `{"ReservedConcurrentExecutions": N}`, echoed back on success.
http::response service::impl::put_concurrency(const http::request& request,
                                              const std::string& function_name,
                                              const boost::urls::url_view& url,
                                              const std::string& request_id) const {
    resolved_function function = resolve(function_name, url);
    boost::system::error_code error;
    boost::json::value body = boost::json::parse(request.body, error);
    const boost::json::value* reserved =
        error || !body.is_object() ? nullptr
                                   : body.as_object().if_contains("ReservedConcurrentExecutions");
    if (reserved == nullptr || !reserved->is_int64() || reserved->as_int64() < 0) {
        throw api_error::validation(
            "1 validation error detected: Value at 'reservedConcurrentExecutions' failed to "
            "satisfy constraint: Member must be a whole number of at least 0");
    }
    auto value = static_cast<std::uint64_t>(reserved->as_int64());
    if (value > UINT32_MAX ||
        !function.pool->set_reserved_concurrency(static_cast<std::uint32_t>(value))) {
        // The message Lambda sends when a reservation would leave too little unreserved.
        throw api_error::invalid_parameter(
            "Specified ReservedConcurrentExecutions for function decreases account's "
            "UnreservedConcurrentExecution below its minimum value of [100].");
    }
    spdlog::get("lambdad")->info(
        "Reserved concurrency set. request_id={} function={} reserved_concurrency={}", request_id,
        function.pool->config().name, value);
    boost::json::object answer{{"ReservedConcurrentExecutions", value}};
    return json_response(200, boost::json::serialize(answer), request_id);
}

http::response service::impl::delete_concurrency(const std::string& function_name,
                                                 const boost::urls::url_view& url,
                                                 const std::string& request_id) const {
    resolved_function function = resolve(function_name, url);
    function.pool->set_reserved_concurrency(std::nullopt);
    spdlog::get("lambdad")->info("Reserved concurrency removed. request_id={} function={}",
                                 request_id, function.pool->config().name);
    http::response response;
    response.status = 204;
    response.headers.push_back({"x-amzn-RequestId", request_id});
    return response;
}

http::response service::impl::get_concurrency(const std::string& function_name,
                                              const boost::urls::url_view& url,
                                              const std::string& request_id) const {
    resolved_function function = resolve(function_name, url);
    boost::json::object answer;
    if (auto reserved = function.pool->reserved_concurrency()) {
        answer["ReservedConcurrentExecutions"] = *reserved;
    }
    return json_response(200, boost::json::serialize(answer), request_id);
}

service::service(const function_map& functions) : impl_(std::make_unique<impl>(functions)) {}

service::~service() = default;

// The one catch of the Lambda API front end: api_error becomes Lambda's error response, any
// other exception a 500 ServiceException without internals.
void service::handle(http::request&& request, http::responder respond) const {
    std::string request_id = random_uuid();
    auto logger = spdlog::get("lambdad");
    try {
        auto url = boost::urls::parse_origin_form(request.target);
        if (!url) {
            throw api_error::validation("The request target is not a valid URL path");
        }
        impl_->route(request, *url, request_id, respond);
    } catch (const api_error& error) {
        logger->info(
            "Lambda API request rejected. request_id={} method={} status={} "
            "error_type={} message={}",
            request_id, request.method, error.status(), error.type(), error.what());
        respond(error_response(error, request_id));
    } catch (const std::exception& error) {
        logger->error("Lambda API request failed. request_id={} method={} error={}", request_id,
                      request.method, error.what());
        respond(error_response(api_error(500, "ServiceException", "Internal error"), request_id));
    }
}

}  // namespace lambdad::lambda_api
