#pragma once

#include "http/io_runtime.hpp"
#include "http/message.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace lambdad::http {

/// Settings of one listening HTTP/1.1 server.
struct server_options {
    /// The address to bind, for example "127.0.0.1".
    std::string host = "127.0.0.1";
    /// The port to bind; 0 picks a free one.
    std::uint16_t port = 0;
    /// Requests with a larger body get `too_large` instead of reaching the handler.
    std::size_t body_limit_bytes = 10 * 1024 * 1024;
    /// Time allowed to receive a whole request header.
    std::chrono::milliseconds header_timeout{10'000};
    /// Time allowed to receive a body once the header has arrived.
    std::chrono::milliseconds body_timeout{60'000};
    /// Time an idle keep-alive connection stays open.
    std::chrono::milliseconds idle_timeout{60'000};
    /// Connections beyond this are closed as soon as they are accepted.
    std::size_t max_connections = 10'000;
    /// Builds the response for a request whose body exceeds `body_limit_bytes`; the connection
    /// is closed after it is sent.
    std::function<response(const request& header_only)> too_large;
};

/// An HTTP/1.1 server with keep-alive on a shared pool of I/O threads.
///
/// Construction binds the port, so `port()` is known before the runtime runs. The listener runs
/// on the runtime's first I/O thread, and each connection is one coroutine on the I/O thread it
/// was handed to when accepted. `stop()` may be called from
/// any thread. Destroy the server only after `runtime.run()` has returned, because its
/// accept loop refers to it.
class server {
public:
    /// Binds the listening socket. Throws std::system_error when the address cannot be bound.
    server(io_runtime& runtime, server_options options, handler on_request);
    ~server();
    server(const server&) = delete;
    server& operator=(const server&) = delete;

    /// The bound port.
    std::uint16_t port() const;
    /// Starts accepting connections.
    void start();
    /// Stops accepting and closes idle connections; requests in flight finish first.
    void stop();
    /// Like `stop()`, then waits up to `grace` for every connection to close, closes the ones
    /// still open and calls `on_stopped` with their number, on an I/O thread.
    void stop(std::chrono::milliseconds grace, std::function<void(std::size_t)> on_stopped);
    /// The number of open connections.
    std::size_t open_connections() const;

    class impl;

private:
    std::unique_ptr<impl> impl_;
};

}  // namespace lambdad::http
