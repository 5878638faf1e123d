#pragma once

#include <spdlog/spdlog.h>

#include <memory>

namespace lambdad::dynamodb {

/// The daemon's `lambdad` logger, or spdlog's default logger where the daemon did not set one
/// up (unit tests).
inline std::shared_ptr<spdlog::logger> service_logger() {
    auto logger = spdlog::get("lambdad");
    return logger ? logger : spdlog::default_logger();
}

}  // namespace lambdad::dynamodb
