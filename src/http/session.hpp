#pragma once

#include "http/server_state.hpp"
#include "http/wire.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace lambdad::http {

/// One client connection: a coroutine on the socket's I/O thread that reads a request, hands it
/// to the handler, writes the response and repeats while the connection is kept alive.
class session : public std::enable_shared_from_this<session> {
public:
    /// `socket`'s executor must be an I/O context run by one thread, the session's thread.
    session(std::shared_ptr<server_state> state, boost::asio::ip::tcp::socket socket,
            std::uint64_t id);
    ~session();

    /// Registers the session with the server and starts its coroutine.
    static void start(const std::shared_ptr<session>& self);
    /// Closes the connection at once if it is waiting for a request, or else after the
    /// response in progress; safe from any thread.
    void shut_down();
    /// Closes the socket now, cancelling any read or write; safe from any thread.
    void close_now();
    /// Cancels the read or write in progress when its deadline has passed by `now`; safe from
    /// any thread. The server's deadline sweep calls it.
    void expire_if_due(std::chrono::steady_clock::time_point now);

private:
    static boost::asio::awaitable<void> run(std::shared_ptr<session> self);
    /// Serves one request; returns whether the connection stays open.
    boost::asio::awaitable<bool> serve_one(bool first);
    /// Waits at most `timeout` until the next request starts to arrive.
    boost::asio::awaitable<bool> wait_for_next_request(std::chrono::milliseconds timeout);
    /// Writes a response; returns whether it was sent completely.
    boost::asio::awaitable<bool> send(response message, unsigned version, bool keep_alive,
                                      bool head);
    /// Writes `100 Continue`; returns whether it was sent.
    boost::asio::awaitable<bool> send_continue(unsigned version);
    /// Sends the response to a read error that came from the parser (400, 413 or 431).
    /// `received` is the request header when it was read in full, or null. Returns false, the
    /// connection's keep-alive, so that callers can `co_return co_await reject(...)`.
    boost::asio::awaitable<bool> reject(boost::system::error_code error, unsigned version,
                                        const wire_request* received);
    boost::asio::awaitable<response> call_handler(request message);

    std::shared_ptr<server_state> state_;
    /// Sets the deadline of the next socket operation to `timeout` from now.
    void arm(std::chrono::milliseconds timeout);
    /// Clears the deadline, so the operations that follow have no time limit.
    void disarm();

    boost::asio::ip::tcp::socket socket_;
    /// The deadline of the socket operation in progress, in steady_clock ticks since its epoch,
    /// or 0 for none. Written on the session's thread and read by the server's deadline sweep.
    std::atomic<std::chrono::steady_clock::rep> deadline_{0};
    boost::beast::flat_buffer buffer_;
    std::uint64_t id_;
    std::string remote_address_;
    /// Whether the session waits for the first byte of a request; touched only on the session's
    /// thread.
    bool idle_ = false;
    /// Whether shut_down() was called; touched only on the session's thread.
    bool shutting_down_ = false;
};

}  // namespace lambdad::http
