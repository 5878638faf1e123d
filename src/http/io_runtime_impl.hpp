#pragma once

#include "http/io_runtime.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <cstddef>
#include <functional>
#include <optional>

namespace lambdad::http {

/// The Asio side of io_runtime, visible only inside src/http.
class io_runtime::impl {
public:
    explicit impl(std::size_t threads);

    /// Waits for the next SIGINT or SIGTERM and passes it to `on_signal`, then waits again.
    void wait_for_signal();

    boost::asio::io_context context;
    /// Keeps `run()` going while no socket is open; released by `stop()`.
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work;
    /// The SIGINT/SIGTERM set, once handle_stop_signals() has been called. Touched only on
    /// I/O threads after construction.
    std::optional<boost::asio::signal_set> signals;
    std::function<void(int)> on_signal;
    std::size_t thread_count;
};

}  // namespace lambdad::http
