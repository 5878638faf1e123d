#pragma once

#include "http/message.hpp"
#include "storage/database.hpp"

#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace lambdad::dynamodb {

/// The X-Amz-Target prefix of DynamoDB's JSON protocol.
inline constexpr std::string_view target_prefix = "DynamoDB_20120810.";

/// Runs blocking work off the I/O threads.
using blocking_executor = std::function<void(std::function<void()>)>;

/// lambdad's DynamoDB API: DynamoDB's JSON protocol (`POST /` with
/// `X-Amz-Target: DynamoDB_20120810.<Operation>`, `application/x-amz-json-1.0`) on the tables
/// of the database, plus the background deletion of items whose TTL has passed.
///
/// Signature Version 4 headers are accepted with any credentials and not checked.
/// Thread-safe. Single-item operations run on the calling I/O thread (see runs_on_io_thread);
/// the others run on the blocking executor. Owned by a std::shared_ptr, which handle() shares
/// with the work it queues.
class service : public std::enable_shared_from_this<service> {
public:
    /// `database` must outlive the service. Starts the TTL sweeper thread.
    service(storage::database& database, blocking_executor executor);
    ~service();
    service(const service&) = delete;
    service& operator=(const service&) = delete;

    /// Handles a request with an X-Amz-Target header; see http::handler.
    void handle(http::request&& request, http::responder respond);
    /// Handles requests to `/` without X-Amz-Target: `GET /` returns 200, as DynamoDB's health
    /// check does, and other methods get UnknownOperationException.
    void handle_path(http::request&& request, http::responder respond);

    /// Runs one operation, `target` being the X-Amz-Target header value, and returns the
    /// complete response with DynamoDB's headers. Blocks; never throws for client errors.
    http::response call(std::string_view target, std::string_view body,
                        const std::string& request_id);

    /// Deletes the items whose TTL attribute contains a time before `now_seconds` (Unix epoch
    /// seconds) in every table with TTL enabled. Returns how many items it deleted.
    std::size_t expire_items(double now_seconds);

    class impl;

private:
    // Queues a single-item write on the write lane.
    void submit_write(std::string target, std::string body, http::responder respond);

    std::unique_ptr<impl> impl_;
};

}  // namespace lambdad::dynamodb
