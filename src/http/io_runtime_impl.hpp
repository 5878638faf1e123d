#pragma once

#include "http/io_runtime.hpp"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace lambdad::http {

/// The Asio side of io_runtime, visible only inside src/http.
///
/// Each I/O thread runs an I/O context of its own. A connection belongs to one context for its
/// whole life, so its steps never overlap and need no strand, and each completion runs on the
/// thread that waited for it instead of being handed to another thread.
class io_runtime::impl {
public:
    explicit impl(std::size_t threads);

    /// Waits for the next SIGINT or SIGTERM and passes it to `on_signal`, then waits again.
    void wait_for_signal();
    /// The context of the first I/O thread, which runs listeners, timers and signal handling.
    boost::asio::io_context& main_context() { return *contexts.front(); }
    /// The context for a new connection: each I/O thread's context in turn.
    boost::asio::io_context& next_connection_context();

    using work_guard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

    std::vector<std::unique_ptr<boost::asio::io_context>> contexts;
    /// One per context; keeps its `run()` going while no socket is open. Each is released on
    /// its own context's thread by `stop()`.
    std::vector<work_guard> work;
    /// The SIGINT/SIGTERM set, once handle_stop_signals() has been called. Touched only on the
    /// main context's thread after construction.
    std::optional<boost::asio::signal_set> signals;
    std::function<void(int)> on_signal;
    std::atomic<std::size_t> next_context{0};
};

}  // namespace lambdad::http
