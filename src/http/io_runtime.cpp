#include "http/io_runtime.hpp"

#include "http/io_runtime_impl.hpp"

#include <boost/asio/post.hpp>

#include <csignal>
#include <thread>

namespace lambdad::http {

namespace asio = boost::asio;

io_runtime::impl::impl(std::size_t threads) {
    contexts.reserve(threads);
    work.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) {
        // A concurrency hint of 1 lets Asio assume that one thread runs the context. Other threads
        // may still post to it.
        contexts.push_back(std::make_unique<asio::io_context>(1));
        work.push_back(asio::make_work_guard(*contexts.back()));
    }
}

asio::io_context& io_runtime::impl::next_connection_context() {
    std::size_t index = next_context.fetch_add(1, std::memory_order_relaxed);
    return *contexts[index % contexts.size()];
}

io_runtime::io_runtime(std::size_t threads)
    : impl_(std::make_unique<impl>(threads == 0 ? 1 : threads)) {}

io_runtime::~io_runtime() = default;

void io_runtime::impl::wait_for_signal() {
    // The set is armed again before the callback runs: a second SIGINT during shutdown then
    // reaches the callback instead of killing the process, and a stop() that the callback
    // starts on another thread finds the new wait to cancel.
    signals->async_wait([this](boost::system::error_code error, int signal_number) {
        if (error) {
            return;
        }
        wait_for_signal();
        on_signal(signal_number);
    });
}

void io_runtime::handle_stop_signals(std::function<void(int)> on_signal) {
    impl_->on_signal = std::move(on_signal);
    impl_->signals.emplace(impl_->main_context(), SIGINT, SIGTERM);
    impl_->wait_for_signal();
}

void io_runtime::run() {
    std::vector<std::thread> extra;
    for (std::size_t i = 1; i < impl_->contexts.size(); ++i) {
        extra.emplace_back([context = impl_->contexts[i].get()] { context->run(); });
    }
    impl_->main_context().run();
    for (auto& thread : extra) {
        thread.join();
    }
}

void io_runtime::stop() {
    asio::post(impl_->main_context(), [this] {
        if (impl_->signals) {
            impl_->signals->cancel();
        }
    });
    for (std::size_t i = 0; i < impl_->contexts.size(); ++i) {
        asio::post(*impl_->contexts[i], [this, i] { impl_->work[i].reset(); });
    }
}

void io_runtime::stop_now() {
    for (auto& context : impl_->contexts) {
        context->stop();
    }
}

std::size_t io_runtime::threads() const {
    return impl_->contexts.size();
}

}  // namespace lambdad::http
