#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

// lambdad's own view of an HTTP exchange, so that code outside src/http never includes Beast.

namespace lambdad::http {

/// One header field as it appeared on the wire: the client's case, in arrival order.
struct header {
    std::string name;
    std::string value;
};

/// A request as received, before any normalisation.
struct request {
    /// The method token exactly as sent, for example "GET".
    std::string method;
    /// The request target exactly as sent: path and query string, still percent-encoded.
    std::string target;
    /// HTTP version times ten: 11 for HTTP/1.1.
    unsigned version = 11;
    /// Every header field in arrival order; repeated names appear once per occurrence.
    std::vector<header> headers;
    /// The body bytes.
    std::string body;
    /// The peer's IP address as text.
    std::string remote_address;
    /// The connection's id, unique within the process, for log lines.
    std::uint64_t connection_id = 0;
};

/// A response to send. The server adds Content-Length, Date and Connection itself.
struct response {
    unsigned status = 200;
    std::vector<header> headers;
    std::string body;
};

/// Completes a request; may be called from any thread, exactly once.
using responder = std::function<void(response)>;

/// Handles one request and eventually calls `respond`. Called on an I/O thread: a handler
/// must not block, and moves blocking work elsewhere.
using handler = std::function<void(request&&, responder respond)>;

}  // namespace lambdad::http
