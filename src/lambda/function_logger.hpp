#pragma once

#include <spdlog/logger.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace lambdad::lambda {

/// The log lines of one invocation, kept for the Invoke API's `X-Amz-Log-Type: Tail`.
/// Thread-safe, because a handler that timed out may still log while its caller is answered.
class log_capture {
public:
    /// Appends `line` and a newline.
    void append(std::string_view line);
    /// Returns the lines appended so far and empties the capture.
    std::string take();

private:
    std::mutex mutex_;
    std::string text_;  // guarded by `mutex_`
};

/// The "function" logger, or spdlog's default logger when it is not registered (tests).
std::shared_ptr<spdlog::logger> function_logger();

/// Logs Lambda's `START RequestId: <id> Version: $LATEST` line, also to `capture` if not null.
void log_start(spdlog::logger& logger, std::string_view request_id, log_capture* capture = nullptr);

/// Logs Lambda's `END RequestId: <id>` line, also to `capture` if not null.
void log_end(spdlog::logger& logger, std::string_view request_id, log_capture* capture = nullptr);

/// Durations and sizes reported by a REPORT line.
struct report_fields {
    std::chrono::microseconds duration{0};
    std::uint32_t memory_size_mb = 0;
    /// Set only on a cold start.
    std::optional<std::chrono::microseconds> init_duration;
    /// Whether the invocation timed out, which adds `Status: timeout`.
    bool timed_out = false;
};

/// Logs Lambda's REPORT line: duration, billed duration, memory size, max memory used and, on
/// a cold start, init duration, separated by tabs. Also appends it to `capture` if not null.
void log_report(spdlog::logger& logger, std::string_view request_id, const report_fields& fields,
                log_capture* capture = nullptr);

/// The daemon's peak resident set size in MB, rounded up.
std::uint64_t max_memory_used_mb();

}  // namespace lambdad::lambda
