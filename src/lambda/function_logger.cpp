#include "lambda/function_logger.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <iterator>
#include <sys/resource.h>

namespace lambdad::lambda {
namespace {

double to_milliseconds(std::chrono::microseconds duration) {
    return std::chrono::duration<double, std::milli>(duration).count();
}

// Lambda bills the duration rounded up to the next whole millisecond.
std::int64_t billed_milliseconds(std::chrono::microseconds duration) {
    return std::chrono::ceil<std::chrono::milliseconds>(duration).count();
}

// Logs one line that is already formatted, and captures it when asked to.
void emit(spdlog::logger& logger, const fmt::memory_buffer& line, log_capture* capture) {
    std::string_view text(line.data(), line.size());
    logger.info("{}", text);
    if (capture != nullptr) {
        capture->append(text);
    }
}

}  // namespace

void log_capture::append(std::string_view line) {
    std::lock_guard lock(mutex_);
    text_.append(line);
    text_.push_back('\n');
}

std::string log_capture::take() {
    std::lock_guard lock(mutex_);
    return std::exchange(text_, std::string());
}

std::shared_ptr<spdlog::logger> function_logger() {
    auto logger = spdlog::get("function");
    return logger ? logger : spdlog::default_logger();
}

void log_start(spdlog::logger& logger, std::string_view request_id, log_capture* capture) {
    if (capture == nullptr && !logger.should_log(spdlog::level::info)) {
        return;
    }
    fmt::memory_buffer line;
    fmt::format_to(std::back_inserter(line), "START RequestId: {} Version: $LATEST", request_id);
    emit(logger, line, capture);
}

void log_end(spdlog::logger& logger, std::string_view request_id, log_capture* capture) {
    if (capture == nullptr && !logger.should_log(spdlog::level::info)) {
        return;
    }
    fmt::memory_buffer line;
    fmt::format_to(std::back_inserter(line), "END RequestId: {}", request_id);
    emit(logger, line, capture);
}

// The field layout follows the REPORT lines shown in the AWS Lambda Developer Guide, for
// example `REPORT RequestId: <id>\tDuration: 1.23 ms\tBilled Duration: 2 ms\tMemory Size:
// 128 MB\tMax Memory Used: 31 MB\tInit Duration: 4.56 ms`. A timed-out invocation's line ends
// with `Status: timeout`, as Lambda's does.
void log_report(spdlog::logger& logger, std::string_view request_id, const report_fields& fields,
                log_capture* capture) {
    // Skipping a line that no sink and no capture would receive also skips getrusage().
    if (capture == nullptr && !logger.should_log(spdlog::level::info)) {
        return;
    }
    fmt::memory_buffer line;
    auto out = std::back_inserter(line);
    fmt::format_to(out,
                   "REPORT RequestId: {}\tDuration: {:.2f} ms\tBilled Duration: {} ms\tMemory "
                   "Size: {} MB\tMax Memory Used: {} MB",
                   request_id, to_milliseconds(fields.duration),
                   billed_milliseconds(fields.duration), fields.memory_size_mb,
                   max_memory_used_mb());
    if (fields.init_duration) {
        fmt::format_to(out, "\tInit Duration: {:.2f} ms", to_milliseconds(*fields.init_duration));
    }
    if (fields.timed_out) {
        fmt::format_to(out, "\tStatus: timeout");
    }
    emit(logger, line, capture);
}

// Environments run in the daemon's own address space, so no per-environment figure exists. The
// daemon's peak resident set size (getrusage's ru_maxrss, in kilobytes on Linux) is reported
// instead, and it covers every function and the daemon itself.
std::uint64_t max_memory_used_mb() {
    rusage usage{};
    // On Linux, RUSAGE_THREAD reports the same process-wide ru_maxrss as RUSAGE_SELF (the kernel
    // reads it from the shared memory map) without summing CPU times over every thread, which
    // makes it cheap enough to call once per invocation.
    if (getrusage(RUSAGE_THREAD, &usage) != 0) {
        return 0;
    }
    auto kilobytes = static_cast<std::uint64_t>(usage.ru_maxrss);
    return (kilobytes + 1023) / 1024;
}

}  // namespace lambdad::lambda
