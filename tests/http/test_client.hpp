#pragma once

#include <cstdint>
#include <string>

namespace lambdad::http::testing {

/// A blocking loopback TCP client that speaks raw HTTP/1.1, for tests.
class test_client {
public:
    /// Connects to 127.0.0.1:`port`. Throws std::runtime_error on failure.
    explicit test_client(std::uint16_t port);
    ~test_client();
    test_client(const test_client&) = delete;
    test_client& operator=(const test_client&) = delete;

    /// Sends `bytes` as they are.
    void send(const std::string& bytes);
    /// Reads one response: the status line and header, then Content-Length bytes of body
    /// (none for a response to HEAD when `head`). Returns an empty string at end of stream.
    std::string read_response(bool head = false);
    /// Whether the server has closed the connection: a read returns end of stream (or a reset)
    /// within two seconds.
    bool closed_by_server();

private:
    /// Reads more bytes into `pending_`; returns false at end of stream or on an error.
    bool fill();

    int socket_ = -1;
    std::string pending_;
};

/// The value of header `name` (exact case) in a raw response, or an empty string.
std::string header_value(const std::string& response, const std::string& name);
/// The body of a raw response.
std::string body_of(const std::string& response);

}  // namespace lambdad::http::testing
