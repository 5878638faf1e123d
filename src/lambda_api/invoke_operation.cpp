#include "lambda_api/service_impl.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <openssl/evp.h>
#include <spdlog/spdlog.h>

#include <strings.h>

namespace lambdad::lambda_api {
namespace {

// Payload quotas from the AWS Lambda Developer Guide ("Lambda quotas"): 6 MB for synchronous
// invocation requests and responses, 1 MB for asynchronous invocation requests.
constexpr std::size_t sync_payload_limit = 6 * 1024 * 1024;
constexpr std::size_t async_payload_limit = 1024 * 1024;
// X-Amz-Log-Result carries the last 4 KB of the invocation's log (Invoke, API reference).
constexpr std::size_t log_tail_bytes = 4096;

const std::string* find_header(const http::request& request, std::string_view name) {
    for (const auto& header : request.headers) {
        if (header.name.size() == name.size() &&
            ::strncasecmp(header.name.data(), name.data(), name.size()) == 0) {
            return &header.value;
        }
    }
    return nullptr;
}

std::string encode_base64(std::string_view bytes) {
    std::string text(4 * ((bytes.size() + 2) / 3) + 1, '\0');
    int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                                 reinterpret_cast<const unsigned char*>(bytes.data()),
                                 static_cast<int>(bytes.size()));
    text.resize(static_cast<std::size_t>(length));
    return text;
}

// Returns the decoded bytes, or nothing when `text` is not padded standard base64.
std::optional<std::string> decode_base64(std::string_view text) {
    if (text.size() % 4 != 0) {
        return std::nullopt;
    }
    std::string bytes(text.size() / 4 * 3, '\0');
    int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                 reinterpret_cast<const unsigned char*>(text.data()),
                                 static_cast<int>(text.size()));
    if (length < 0) {
        return std::nullopt;
    }
    // EVP_DecodeBlock counts the bytes that padding stands for; drop them.
    std::size_t padding = 0;
    for (std::size_t i = text.size(); i > 0 && text[i - 1] == '='; --i) {
        ++padding;
    }
    bytes.resize(static_cast<std::size_t>(length) - std::min<std::size_t>(padding, 2));
    return bytes;
}

bool is_json(std::string_view text) {
    // A stack buffer keeps small payloads free of heap allocations.
    unsigned char buffer[4096];
    boost::json::monotonic_resource resource(buffer, sizeof buffer);
    boost::system::error_code error;
    boost::json::parse(text, error, &resource);
    return !error;
}

std::string enum_error(std::string_view value, std::string_view member, std::string_view set) {
    return "1 validation error detected: Value '" + std::string(value) + "' at '" +
           std::string(member) +
           "' failed to satisfy constraint: Member must satisfy enum value set: [" +
           std::string(set) + "]";
}

// X-Amz-Client-Context is base64 of a JSON object (Invoke, API reference), which the function
// receives in its context. Returns the decoded JSON text, or empty when the header is absent.
std::string read_client_context(const http::request& request) {
    const std::string* context = find_header(request, "X-Amz-Client-Context");
    if (context == nullptr) {
        return {};
    }
    std::optional<std::string> decoded = decode_base64(*context);
    if (!decoded || !is_json(*decoded) || decoded->empty() || decoded->front() != '{') {
        throw api_error::invalid_content(
            "Client context must be a valid Base64-encoded JSON object.");
    }
    return std::move(*decoded);
}

const char* throttle_reason_name(lambda::throttle_reason reason) {
    return reason == lambda::throttle_reason::account
               ? "ConcurrentInvocationLimitExceeded"
               : "ReservedFunctionConcurrentInvocationLimitExceeded";
}

// 429 TooManyRequestsException with the Reason, Type and message fields that Lambda sends.
http::response throttled_response(lambda::throttle_reason reason, const std::string& request_id) {
    boost::json::object body;
    body["Reason"] = throttle_reason_name(reason);
    body["Type"] = "User";
    body["message"] = "Rate Exceeded.";
    http::response response = json_response(429, boost::json::serialize(body), request_id);
    response.headers.push_back({"x-amzn-ErrorType", "TooManyRequestsException"});
    return response;
}

// Lambda reports a function result over the response quota as a function error.
void limit_response_size(lambda::invocation_result& result) {
    if (result.payload.size() <= sync_payload_limit) {
        return;
    }
    boost::json::object error;
    error["errorMessage"] = "Response payload size exceeded maximum allowed payload size (" +
                            std::to_string(sync_payload_limit) + " bytes).";
    error["errorType"] = "Function.ResponseSizeTooLarge";
    result.payload = boost::json::serialize(error);
    result.status = lambda::invocation_status::function_error;
}

// RequestResponse: status 200 even when the function failed, and then X-Amz-Function-Error is
// set.
http::response invocation_response(lambda::invocation_result& result, const std::string& request_id,
                                   bool tail) {
    if (result.status == lambda::invocation_status::throttled) {
        return throttled_response(result.throttle, request_id);
    }
    limit_response_size(result);
    http::response response = json_response(200, std::move(result.payload), request_id);
    response.headers.push_back({"X-Amz-Executed-Version", "$LATEST"});
    if (result.status == lambda::invocation_status::function_error) {
        response.headers.push_back({"X-Amz-Function-Error", "Unhandled"});
    }
    if (tail) {
        std::string_view log(result.log);
        if (log.size() > log_tail_bytes) {
            log.remove_prefix(log.size() - log_tail_bytes);
        }
        response.headers.push_back({"X-Amz-Log-Result", encode_base64(log)});
    }
    return response;
}

}  // namespace

void service::impl::invoke(http::request& request, const boost::urls::url_view& url,
                           const std::string& function_name, const std::string& request_id,
                           http::responder& respond) const {
    resolved_function function = resolve(function_name, url);
    const std::string* type_header = find_header(request, "X-Amz-Invocation-Type");
    std::string_view type = type_header ? std::string_view(*type_header) : "RequestResponse";
    if (type != "RequestResponse" && type != "Event" && type != "DryRun") {
        throw api_error::validation(
            enum_error(type, "invocationType", "Event, RequestResponse, DryRun"));
    }
    const std::string* log_type = find_header(request, "X-Amz-Log-Type");
    if (log_type != nullptr && *log_type != "None" && *log_type != "Tail") {
        throw api_error::validation(enum_error(*log_type, "logType", "None, Tail"));
    }
    std::size_t limit = type == "Event" ? async_payload_limit : sync_payload_limit;
    if (request.body.size() > limit) {
        throw api_error::too_large(limit);
    }
    // An empty payload reaches the function as an empty JSON object.
    std::string payload = request.body.empty() ? std::string("{}") : std::move(request.body);
    if (!is_json(payload)) {
        throw api_error::invalid_content(
            "Could not parse request body into json: the payload is not valid JSON");
    }
    std::string client_context = read_client_context(request);
    if (type == "DryRun") {
        http::response response;
        response.status = 204;
        response.headers.push_back({"x-amzn-RequestId", request_id});
        respond(std::move(response));
        return;
    }
    if (type == "Event") {
        async_.submit(function.pool, request_id, std::move(payload), std::move(client_context));
        http::response response;
        response.status = 202;
        response.headers.push_back({"x-amzn-RequestId", request_id});
        respond(std::move(response));
        return;
    }
    bool tail = log_type != nullptr && *log_type == "Tail";
    function.pool->invoke(
        {request_id, std::move(payload), tail, std::move(client_context)},
        [respond = std::move(respond), request_id, tail](lambda::invocation_result result) {
            respond(invocation_response(result, request_id, tail));
        });
}

}  // namespace lambdad::lambda_api
