#include "http/io_runtime.hpp"

#include "http/io_runtime_impl.hpp"

#include <boost/asio/post.hpp>

#include <csignal>
#include <thread>
#include <vector>

namespace lambdad::http {

namespace asio = boost::asio;

io_runtime::impl::impl(std::size_t threads)
    : context(static_cast<int>(threads)),
      work(asio::make_work_guard(context)),
      thread_count(threads) {}

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
    impl_->signals.emplace(impl_->context, SIGINT, SIGTERM);
    impl_->wait_for_signal();
}

void io_runtime::run() {
    std::vector<std::thread> extra;
    for (std::size_t i = 1; i < impl_->thread_count; ++i) {
        extra.emplace_back([this] { impl_->context.run(); });
    }
    impl_->context.run();
    for (auto& thread : extra) {
        thread.join();
    }
}

void io_runtime::stop() {
    asio::post(impl_->context, [this] {
        if (impl_->signals) {
            impl_->signals->cancel();
        }
        impl_->work.reset();
    });
}

void io_runtime::stop_now() {
    impl_->context.stop();
}

std::size_t io_runtime::threads() const {
    return impl_->thread_count;
}

}  // namespace lambdad::http
