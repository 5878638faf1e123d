#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace lambdad::http {

/// The daemon's I/O context and the threads that run it, shared by every listener.
class io_runtime {
public:
    /// Prepares `threads` I/O threads (at least one); nothing runs until `run()`.
    explicit io_runtime(std::size_t threads);
    ~io_runtime();
    io_runtime(const io_runtime&) = delete;
    io_runtime& operator=(const io_runtime&) = delete;

    /// Calls `on_signal(signal_number)` on an I/O thread when SIGINT or SIGTERM arrives.
    void handle_stop_signals(std::function<void(int)> on_signal);
    /// Runs the I/O threads and returns once all of them have finished, after `stop()`.
    void run();
    /// Lets `run()` return once no work is left; safe from any thread.
    void stop();
    /// Makes `run()` return as soon as possible, abandoning any work still queued; safe from
    /// any thread. For a shutdown whose grace period has run out.
    void stop_now();
    /// The number of I/O threads.
    std::size_t threads() const;

    /// Implementation detail used by the server; opaque elsewhere.
    class impl;
    impl& get_impl() { return *impl_; }

private:
    std::unique_ptr<impl> impl_;
};

}  // namespace lambdad::http
