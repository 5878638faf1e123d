#pragma once

#include <spdlog/logger.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

namespace lambdad::lambda {

/// The "function" logger, or spdlog's default logger when it is not registered (tests).
std::shared_ptr<spdlog::logger> function_logger();

/// Logs Lambda's `START RequestId: <id> Version: $LATEST` line.
void log_start(spdlog::logger& logger, std::string_view request_id);

/// Logs Lambda's `END RequestId: <id>` line.
void log_end(spdlog::logger& logger, std::string_view request_id);

/// Durations and sizes reported by a REPORT line.
struct report_fields {
    std::chrono::microseconds duration{0};
    std::uint32_t memory_size_mb = 0;
    /// Set only on a cold start.
    std::optional<std::chrono::microseconds> init_duration;
};

/// Logs Lambda's REPORT line: duration, billed duration, memory size, max memory used and, on
/// a cold start, init duration, separated by tabs.
void log_report(spdlog::logger& logger, std::string_view request_id, const report_fields& fields);

/// The daemon's peak resident set size in MB, rounded up.
std::uint64_t max_memory_used_mb();

}  // namespace lambdad::lambda
