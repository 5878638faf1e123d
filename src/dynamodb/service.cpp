#include "dynamodb/service.hpp"

#include "common/aws_account.hpp"
#include "common/ids.hpp"
#include "dynamodb/api_error.hpp"
#include "dynamodb/expressions/expressions.hpp"
#include "dynamodb/operation.hpp"
#include "dynamodb/service_logger.hpp"
#include "dynamodb/ttl_sweeper.hpp"
#include "dynamodb/write_lane.hpp"

#include <boost/crc.hpp>
#include <boost/json/serialize.hpp>
#include <simdjson.h>

#include <algorithm>
#include <cctype>
#include <chrono>

namespace lambdad::dynamodb {
namespace {

http::response json_response(unsigned status, std::string body, const std::string& request_id) {
    // DynamoDB sends the CRC-32 of the body bytes so that clients can detect corruption; the
    // SDKs verify it.
    boost::crc_32_type crc;
    crc.process_bytes(body.data(), body.size());
    http::response response;
    response.status = status;
    response.headers.push_back({"Content-Type", "application/x-amz-json-1.0"});
    response.headers.push_back({"x-amzn-RequestId", request_id});
    response.headers.push_back({"x-amz-crc32", std::to_string(crc.checksum())});
    response.body = std::move(body);
    return response;
}

http::response error_response(const api_error& error, const std::string& request_id) {
    boost::json::object body{{"__type", error.qualified_type()}};
    if (error.has_message()) {
        body["message"] = error.what();
    }
    for (const auto& [key, value] : error.extra()) {
        body[key] = value;
    }
    return json_response(error.status(), boost::json::serialize(body), request_id);
}

void log_error(const api_error& error, std::string_view operation_name,
               const std::string& request_id) {
    if (error.status() >= 500) {
        service_logger()->error(
            "DynamoDB request failed. request_id={} operation={} type={} "
            "message={}",
            request_id, operation_name, error.type(), error.what());
        return;
    }
    service_logger()->debug(
        "DynamoDB request rejected. request_id={} operation={} type={} "
        "message={}",
        request_id, operation_name, error.type(), error.what());
}

// Shrinks a reused parser on scope exit after a large document, so that each thread keeps
// buffers for ordinary requests only.
class parser_trim {
public:
    explicit parser_trim(simdjson::dom::parser& parser) : parser_(parser) {}
    ~parser_trim() {
        if (parser_.capacity() > kept_capacity) {
            // On failure the parser is left empty and allocates again on its next document.
            [[maybe_unused]] const auto result = parser_.allocate(kept_capacity);
        }
    }
    parser_trim(const parser_trim&) = delete;
    parser_trim& operator=(const parser_trim&) = delete;

private:
    static constexpr std::size_t kept_capacity = 64 * 1024;
    simdjson::dom::parser& parser_;
};

// Parses the body and runs the operation; every client error surfaces as api_error.
boost::json::object run_operation(operation_context& context, operation run,
                                  std::string_view body) {
    // A parser keeps its buffers between documents, so each thread reuses one. An operation
    // never parses another request while it runs, so the document stays valid.
    thread_local simdjson::dom::parser parser;
    const parser_trim trim(parser);
    simdjson::dom::element document;
    if (parser.parse(body.data(), body.size()).get(document) != simdjson::SUCCESS) {
        throw api_error::serialization();
    }
    const request_view request = as_object(document);
    try {
        return run(context, request);
    } catch (const expr::validation_error& error) {
        throw api_error::validation(error.what());
    } catch (const table_error& error) {
        if (error.type() == "InternalServerError") {
            throw api_error(error.type(), error.what(), 500);
        }
        throw api_error(error.type(), error.what());
    }
}

const std::string* find_header(const http::request& request, std::string_view name) {
    for (const auto& header : request.headers) {
        if (header.name.size() == name.size() &&
            std::equal(header.name.begin(), header.name.end(), name.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            })) {
            return &header.value;
        }
    }
    return nullptr;
}

}  // namespace

class service::impl {
public:
    impl(storage::database& database, blocking_executor executor)
        : database_(database),
          tables_(database),
          executor_(std::move(executor)),
          lane_(std::make_shared<write_lane>(database.pool(), executor_)) {}

    http::response call(std::string_view target, std::string_view body,
                        const std::string& request_id);
    std::size_t expire_items(double now_seconds) {
        operation_context context{tables_, database_};
        return delete_expired_items(context, now_seconds);
    }

    storage::database& database_;
    table_cache tables_;
    blocking_executor executor_;
    std::shared_ptr<write_lane> lane_;
    std::unique_ptr<ttl_sweeper> sweeper_;
};

http::response service::impl::call(std::string_view target, std::string_view body,
                                   const std::string& request_id) {
    std::string_view operation_name = target;
    if (operation_name.starts_with(target_prefix)) {
        operation_name.remove_prefix(target_prefix.size());
    }
    try {
        const operation run = find_operation(operation_name);
        if (run == nullptr || !target.starts_with(target_prefix)) {
            throw api_error::unknown_operation();
        }
        operation_context context{tables_, database_};
        return json_response(200, boost::json::serialize(run_operation(context, run, body)),
                             request_id);
    } catch (const api_error& error) {
        log_error(error, operation_name, request_id);
        return error_response(error, request_id);
    } catch (const std::exception& error) {
        service_logger()->error(
            "DynamoDB request failed unexpectedly. request_id={} operation={} error={}", request_id,
            operation_name, error.what());
        return error_response(api_error::internal(), request_id);
    }
}

service::service(storage::database& database, blocking_executor executor)
    : impl_(std::make_unique<impl>(database, std::move(executor))) {
    impl_->sweeper_ = std::make_unique<ttl_sweeper>(
        [this] { return impl_->expire_items(ttl_sweeper::now_seconds()); });
}

service::~service() {
    // The sweeper thread uses impl_, so it stops first.
    impl_->sweeper_.reset();
}

void service::handle(http::request&& request, http::responder respond) {
    const std::string* target = find_header(request, "X-Amz-Target");
    const std::string_view target_text = target ? std::string_view(*target) : std::string_view();
    const std::string_view operation_name =
        target_text.starts_with(target_prefix) ? target_text.substr(target_prefix.size()) : "";
    if (runs_on_io_thread(operation_name)) {
        respond(call(target_text, request.body, random_uuid()));
        return;
    }
    if (runs_in_write_lane(operation_name)) {
        submit_write(std::string(target_text), std::move(request.body), std::move(respond));
        return;
    }
    auto shared = std::make_shared<http::request>(std::move(request));
    // The queued work keeps the service alive, as it may run after the endpoint let go.
    impl_->executor_([self = shared_from_this(), shared, respond = std::move(respond)] {
        const std::string* queued_target = find_header(*shared, "X-Amz-Target");
        respond(self->call(queued_target ? *queued_target : "", shared->body, random_uuid()));
    });
}

void service::submit_write(std::string target, std::string body, http::responder respond) {
    auto request_id = std::make_shared<const std::string>(random_uuid());
    write_lane::write entry;
    // The queued write keeps the service alive, as it may run after the endpoint let go.
    entry.run = [self = shared_from_this(), target = std::move(target), body = std::move(body),
                 request_id] { return self->call(target, body, *request_id); };
    entry.commit_failed = [request_id] {
        return error_response(api_error::internal(), *request_id);
    };
    entry.respond = std::move(respond);
    impl_->lane_->submit(std::move(entry));
}

void service::handle_path(http::request&& request, http::responder respond) {
    const std::string request_id = random_uuid();
    const std::string_view path =
        std::string_view(request.target).substr(0, std::string_view(request.target).find('?'));
    if (request.method == "GET" && path == "/") {
        http::response response;
        response.headers.push_back({"Content-Type", "text/plain"});
        response.headers.push_back({"x-amzn-RequestId", request_id});
        response.body = "healthy: dynamodb." + std::string(region) + ".amazonaws.com ";
        respond(std::move(response));
        return;
    }
    // Any other method on DynamoDB's path without X-Amz-Target names no operation.
    respond(error_response(api_error::unknown_operation(), request_id));
}

http::response service::call(std::string_view target, std::string_view body,
                             const std::string& request_id) {
    return impl_->call(target, body, request_id);
}

std::size_t service::expire_items(double now_seconds) {
    return impl_->expire_items(now_seconds);
}

}  // namespace lambdad::dynamodb
