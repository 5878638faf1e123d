#include "http/server.hpp"

#include "http/io_runtime_impl.hpp"
#include "http/server_state.hpp"
#include "http/session.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <system_error>
#include <vector>

namespace lambdad::http {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

/// How often a stopping server checks whether its sessions have all closed.
constexpr std::chrono::milliseconds drain_poll_interval{20};

/// How often the server looks for connections whose read or write deadline has passed, so a
/// connection times out up to this much later than its timeout.
constexpr std::chrono::milliseconds deadline_sweep_interval{100};

/// Pause after an accept error such as EMFILE, so that the loop does not spin.
constexpr std::chrono::milliseconds accept_retry_delay{100};

/// Connection ids are unique within the process, across servers.
std::atomic<std::uint64_t> next_connection_id{1};

tcp::endpoint resolve_endpoint(asio::io_context& context, const std::string& host,
                               std::uint16_t port) {
    error_code error;
    auto address = asio::ip::make_address(host, error);
    if (!error) {
        return tcp::endpoint(address, port);
    }
    tcp::resolver resolver(context);
    auto results = resolver.resolve(host, std::to_string(port));
    return results.begin()->endpoint();
}

std::system_error to_std_error(const boost::system::system_error& error, const std::string& what) {
    return std::system_error(std::error_code(error.code().value(), std::system_category()), what);
}

}  // namespace

std::shared_ptr<spdlog::logger> http_logger() {
    auto logger = spdlog::get("lambdad");
    return logger ? logger : spdlog::default_logger();
}

class server::impl {
public:
    impl(io_runtime& runtime, server_options options, handler on_request);

    /// Accepts connections until the acceptor closes.
    asio::awaitable<void> accept_loop();
    /// Times out the sessions whose deadline has passed, until the server has stopped and its
    /// last session has closed.
    asio::awaitable<void> sweep_deadlines();
    /// Waits until every session has closed or `grace` has passed, closing the rest.
    asio::awaitable<void> drain(std::chrono::milliseconds grace,
                                std::function<void(std::size_t)> on_stopped);
    /// Calls `action` on every open session.
    void for_each_session(const std::function<void(session&)>& action);

    io_runtime::impl& runtime_;
    asio::io_context& context_;
    std::shared_ptr<server_state> state_;
    tcp::acceptor acceptor_;
    std::uint16_t port_ = 0;
};

server::impl::impl(io_runtime& runtime, server_options options, handler on_request)
    : runtime_(runtime.get_impl()),
      context_(runtime_.main_context()),
      state_(std::make_shared<server_state>()),
      acceptor_(context_) {
    state_->options = std::move(options);
    state_->on_request = std::move(on_request);
    state_->log = http_logger();
    std::string address = state_->options.host + ":" + std::to_string(state_->options.port);
    try {
        tcp::endpoint endpoint =
            resolve_endpoint(context_, state_->options.host, state_->options.port);
        acceptor_.open(endpoint.protocol());
        acceptor_.set_option(asio::socket_base::reuse_address(true));
        acceptor_.bind(endpoint);
        acceptor_.listen(asio::socket_base::max_listen_connections);
        port_ = acceptor_.local_endpoint().port();
    } catch (const boost::system::system_error& error) {
        throw to_std_error(error, "cannot listen on " + address);
    }
}

asio::awaitable<void> server::impl::accept_loop() {
    for (;;) {
        auto [error, socket] = co_await acceptor_.async_accept(
            runtime_.next_connection_context().get_executor(), use_tuple);
        if (error == asio::error::operation_aborted || !acceptor_.is_open()) {
            co_return;
        }
        if (error) {
            state_->log->warn("Accept failed. error={}", error.message());
            asio::steady_timer pause(acceptor_.get_executor(), accept_retry_delay);
            co_await pause.async_wait(use_tuple);
            continue;
        }
        if (state_->open.load() >= state_->options.max_connections) {
            state_->log->warn("Connection rejected: too many open. max_connections={}",
                              state_->options.max_connections);
            error_code ignored;
            socket.close(ignored);
            continue;
        }
        auto connection =
            std::make_shared<session>(state_, std::move(socket), next_connection_id.fetch_add(1));
        session::start(connection);
    }
}

asio::awaitable<void> server::impl::sweep_deadlines() {
    // A stopping server keeps timing out its remaining connections until the last one closes.
    asio::steady_timer timer(acceptor_.get_executor());
    while (!state_->stopping.load() || state_->open.load() > 0) {
        timer.expires_after(deadline_sweep_interval);
        auto [error] = co_await timer.async_wait(use_tuple);
        if (error) {
            co_return;
        }
        const auto now = std::chrono::steady_clock::now();
        for_each_session([now](session& each) { each.expire_if_due(now); });
    }
}

void server::impl::for_each_session(const std::function<void(session&)>& action) {
    std::vector<std::shared_ptr<session>> open;
    {
        std::lock_guard lock(state_->mutex);
        for (auto& [id, weak] : state_->sessions) {
            if (auto strong = weak.lock()) {
                open.push_back(std::move(strong));
            }
        }
    }
    for (auto& each : open) {
        action(*each);
    }
}

asio::awaitable<void> server::impl::drain(std::chrono::milliseconds grace,
                                          std::function<void(std::size_t)> on_stopped) {
    auto deadline = std::chrono::steady_clock::now() + grace;
    asio::steady_timer timer(context_);
    while (state_->open.load() > 0 && std::chrono::steady_clock::now() < deadline) {
        timer.expires_after(drain_poll_interval);
        co_await timer.async_wait(use_tuple);
    }
    std::size_t still_open = state_->open.load();
    if (still_open > 0) {
        for_each_session([](session& each) { each.close_now(); });
    }
    if (on_stopped) {
        on_stopped(still_open);
    }
}

server::server(io_runtime& runtime, server_options options, handler on_request)
    : impl_(std::make_unique<impl>(runtime, std::move(options), std::move(on_request))) {}

server::~server() = default;

std::uint16_t server::port() const {
    return impl_->port_;
}

void server::start() {
    asio::co_spawn(impl_->acceptor_.get_executor(), impl_->accept_loop(), asio::detached);
    asio::co_spawn(impl_->acceptor_.get_executor(), impl_->sweep_deadlines(), asio::detached);
}

void server::stop() {
    impl_->state_->stopping.store(true);
    asio::dispatch(impl_->acceptor_.get_executor(), [this] {
        error_code ignored;
        impl_->acceptor_.close(ignored);
    });
    impl_->for_each_session([](session& each) { each.shut_down(); });
}

void server::stop(std::chrono::milliseconds grace, std::function<void(std::size_t)> on_stopped) {
    stop();
    asio::co_spawn(impl_->context_, impl_->drain(grace, std::move(on_stopped)), asio::detached);
}

std::size_t server::open_connections() const {
    return impl_->state_->open.load();
}

}  // namespace lambdad::http
