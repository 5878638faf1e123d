#include "http/session.hpp"

#include "http/responder_bridge.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <exception>

namespace lambdad::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;
using boost::system::error_code;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

/// Largest request header accepted; larger ones get 431.
constexpr std::uint32_t header_limit_bytes = 16 * 1024;

/// Bytes asked for by the read that waits for the next request.
constexpr std::size_t first_read_bytes = 4096;

bool is_parse_error(const error_code& error) {
    if (error.category() != beast_http::make_error_code(beast_http::error::bad_method).category()) {
        return false;
    }
    // These two mean the peer closed the connection, not that it sent something invalid.
    return error != beast_http::error::end_of_stream && error != beast_http::error::partial_message;
}

std::string remote_address_of(const asio::ip::tcp::socket& socket) {
    error_code error;
    auto endpoint = socket.remote_endpoint(error);
    return error ? std::string() : endpoint.address().to_string();
}

}  // namespace

session::session(std::shared_ptr<server_state> state, asio::ip::tcp::socket socket,
                 std::uint64_t id)
    : state_(std::move(state)),
      socket_(std::move(socket)),
      id_(id),
      remote_address_(remote_address_of(socket_)) {
    state_->open.fetch_add(1);
}

session::~session() {
    {
        std::lock_guard lock(state_->mutex);
        state_->sessions.erase(id_);
    }
    state_->open.fetch_sub(1);
    state_->log->debug("Connection closed. conn={}", id_);
}

void session::start(const std::shared_ptr<session>& self) {
    {
        std::lock_guard lock(self->state_->mutex);
        self->state_->sessions.emplace(self->id_, self);
    }
    self->state_->log->debug("Connection accepted. conn={} remote={}", self->id_,
                             self->remote_address_);
    asio::co_spawn(self->socket_.get_executor(), run(self), asio::detached);
}

void session::arm(std::chrono::milliseconds timeout) {
    deadline_.store((std::chrono::steady_clock::now() + timeout).time_since_epoch().count(),
                    std::memory_order_relaxed);
}

void session::disarm() {
    deadline_.store(0, std::memory_order_relaxed);
}

void session::expire_if_due(std::chrono::steady_clock::time_point now) {
    const auto due = deadline_.load(std::memory_order_relaxed);
    if (due == 0 || due > now.time_since_epoch().count()) {
        return;
    }
    asio::dispatch(socket_.get_executor(), [self = shared_from_this()] {
        // The operation may have finished, and the next one armed, since the sweep looked.
        const auto current = self->deadline_.load(std::memory_order_relaxed);
        if (current == 0 || current > std::chrono::steady_clock::now().time_since_epoch().count()) {
            return;
        }
        self->disarm();
        self->state_->log->debug("Connection timed out. conn={}", self->id_);
        // Closing, not only cancelling, also fails the reads and writes that Beast starts after
        // the one in progress, so no step of a slow request escapes the deadline.
        error_code ignored;
        self->socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        self->socket_.close(ignored);
    });
}

void session::shut_down() {
    asio::dispatch(socket_.get_executor(), [self = shared_from_this()] {
        self->shutting_down_ = true;
        if (self->idle_) {
            error_code ignored;
            self->socket_.cancel(ignored);
        }
    });
}

void session::close_now() {
    asio::dispatch(socket_.get_executor(), [self = shared_from_this()] {
        self->shutting_down_ = true;
        error_code ignored;
        self->socket_.shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        self->socket_.close(ignored);
    });
}

// `self` is a parameter so that the coroutine frame owns the session until the loop ends.
asio::awaitable<void> session::run(std::shared_ptr<session> self) {
    try {
        bool first = true;
        while (co_await self->serve_one(first)) {
            first = false;
        }
    } catch (const std::exception& error) {
        self->state_->log->error("Connection failed. conn={} error={}", self->id_, error.what());
    }
    self->disarm();
    error_code ignored;
    self->socket_.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    self->socket_.close(ignored);
}

asio::awaitable<bool> session::wait_for_next_request(std::chrono::milliseconds timeout) {
    if (shutting_down_ || state_->stopping.load()) {
        co_return false;
    }
    idle_ = true;
    arm(timeout);
    auto [error, size] =
        co_await socket_.async_read_some(buffer_.prepare(first_read_bytes), use_tuple);
    idle_ = false;
    if (error) {
        state_->log->debug("Idle connection ended. conn={} reason={}", id_, error.message());
        co_return false;
    }
    buffer_.commit(size);
    co_return true;
}

asio::awaitable<bool> session::serve_one(bool first) {
    // A new connection has the header timeout, counted from its accept, for its whole first
    // header. A kept-alive one may stay idle for the idle timeout and then has the header
    // timeout for the next header. Until a first byte arrives the session counts as idle, so
    // a stopping server closes it at once.
    if (buffer_.size() == 0 &&
        !co_await wait_for_next_request(first ? state_->options.header_timeout
                                              : state_->options.idle_timeout)) {
        co_return false;
    }
    // NOTE: every local with a destructor lives at function scope. With a block-scope request
    // that ended in co_return, GCC 12 builds of this coroutine crashed with a double free.
    beast_http::request_parser<beast_http::string_body> parser;
    parser.header_limit(header_limit_bytes);
    // The body limit is checked by hand once the header is in, so that a large Content-Length
    // is answered with too_large before any of the body is read.
    parser.body_limit(boost::none);
    request message;
    response answer;

    if (!first) {
        arm(state_->options.header_timeout);
    }
    auto [header_error, header_size] =
        co_await beast_http::async_read_header(socket_, buffer_, parser, use_tuple);
    if (header_error) {
        co_return co_await reject(header_error, 11, nullptr);
    }
    unsigned version = parser.get().version();
    auto length = parser.content_length();
    if (length && *length > state_->options.body_limit_bytes) {
        co_return co_await reject(beast_http::error::body_limit, version, &parser.get());
    }
    if (beast::iequals(parser.get()[beast_http::field::expect], "100-continue") &&
        !co_await send_continue(version)) {
        co_return false;
    }

    parser.body_limit(state_->options.body_limit_bytes);
    arm(state_->options.body_timeout);
    auto [body_error, body_size] =
        co_await beast_http::async_read(socket_, buffer_, parser, use_tuple);
    if (body_error) {
        co_return co_await reject(body_error, version, &parser.get());
    }
    // The handler has no socket timeout; functions enforce their own.
    disarm();

    bool keep_alive = parser.get().keep_alive();
    bool head = parser.get().method() == beast_http::verb::head;
    message = to_request(parser.release(), remote_address_, id_);
    answer = co_await call_handler(std::move(message));
    keep_alive = keep_alive && !shutting_down_ && !state_->stopping.load();
    bool sent = co_await send(std::move(answer), version, keep_alive, head);
    co_return sent&& keep_alive;
}

asio::awaitable<bool> session::send_continue(unsigned version) {
    beast_http::response<beast_http::empty_body> go_on{beast_http::status::continue_, version};
    arm(state_->options.body_timeout);
    auto [error, size] = co_await beast_http::async_write(socket_, go_on, use_tuple);
    co_return !error;
}

asio::awaitable<response> session::call_handler(request message) {
    auto on_error = [log = state_->log, id = id_](std::exception_ptr error) {
        try {
            std::rethrow_exception(error);
        } catch (const std::exception& caught) {
            log->error("Request handler failed. conn={} error={}", id, caught.what());
        } catch (...) {
            log->error("Request handler failed. conn={} error=unknown", id);
        }
    };
    co_return co_await async_call_handler(state_->on_request, std::move(message), on_error,
                                          asio::use_awaitable);
}

asio::awaitable<bool> session::send(response message, unsigned version, bool keep_alive,
                                    bool head) {
    wire_response wire = to_wire(std::move(message), version, keep_alive, head);
    // The body timeout doubles as the write timeout.
    arm(state_->options.body_timeout);
    auto [error, size] = co_await beast_http::async_write(socket_, wire, use_tuple);
    if (error) {
        state_->log->debug("Response not sent. conn={} reason={}", id_, error.message());
        co_return false;
    }
    co_return true;
}

asio::awaitable<bool> session::reject(error_code error, unsigned version,
                                      const wire_request* received) {
    // Locals with destructors stay at function scope in coroutines (see serve_one).
    response answer;
    request header_only;
    if (error == beast_http::error::body_limit) {
        if (received != nullptr) {
            header_only = header_of(*received, remote_address_, id_);
        }
        answer = state_->options.too_large ? state_->options.too_large(header_only)
                                           : plain_response(413, "Payload Too Large");
    } else if (error == beast_http::error::header_limit) {
        answer = plain_response(431, "Request Header Fields Too Large");
    } else if (is_parse_error(error)) {
        answer = plain_response(400, "Bad Request");
    } else {
        // End of stream, reset or timeout: normal ends of a connection.
        state_->log->debug("Connection ended. conn={} reason={}", id_, error.message());
        co_return false;
    }
    state_->log->debug("Request rejected. conn={} status={} reason={}", id_, answer.status,
                       error.message());
    co_await send(std::move(answer), version, false, false);
    co_return false;
}

}  // namespace lambdad::http
