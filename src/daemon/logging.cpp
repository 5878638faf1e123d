#include "daemon/logging.hpp"

#include <boost/json.hpp>
#include <spdlog/formatter.h>
#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <ctime>
#include <memory>

namespace lambdad::daemon {
namespace {

/// `2024-01-31T12:34:56.789Z`
constexpr const char* text_pattern = "%Y-%m-%dT%H:%M:%S.%eZ %l %n: %v";

std::string utc_timestamp(spdlog::log_clock::time_point time) {
    auto since_epoch = time.time_since_epoch();
    auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch).count() % 1000;
    std::time_t seconds = spdlog::log_clock::to_time_t(time);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[40];
    std::size_t size = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(text + size, sizeof text - size, ".%03dZ", static_cast<int>(millis));
    return text;
}

/// Formats each record as one JSON object per line.
class json_formatter : public spdlog::formatter {
public:
    void format(const spdlog::details::log_msg& message, spdlog::memory_buf_t& dest) override {
        boost::json::object line;
        line["time"] = utc_timestamp(message.time);
        auto level = spdlog::level::to_string_view(message.level);
        line["level"] = std::string_view(level.data(), level.size());
        line["logger"] = std::string_view(message.logger_name.data(), message.logger_name.size());
        line["message"] = std::string_view(message.payload.data(), message.payload.size());
        std::string text = boost::json::serialize(line);
        text += '\n';
        dest.append(text.data(), text.data() + text.size());
    }

    std::unique_ptr<spdlog::formatter> clone() const override {
        return std::make_unique<json_formatter>();
    }
};

}  // namespace

void setup_logging(const std::string& level, const std::string& format) {
    auto sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    if (format == "json") {
        sink->set_formatter(std::make_unique<json_formatter>());
    } else {
        sink->set_formatter(std::make_unique<spdlog::pattern_formatter>(
            text_pattern, spdlog::pattern_time_type::utc));
    }
    auto parsed_level = spdlog::level::from_str(level);
    for (const char* name : {"lambdad", "access", "function"}) {
        spdlog::drop(name);
        auto logger = std::make_shared<spdlog::logger>(name, sink);
        logger->set_level(parsed_level);
        spdlog::register_logger(logger);
    }
    spdlog::set_default_logger(spdlog::get("lambdad"));
}

}  // namespace lambdad::daemon
