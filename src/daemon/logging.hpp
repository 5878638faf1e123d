#pragma once

#include <string>

namespace lambdad::daemon {

/// Registers the "lambdad", "access" and "function" loggers on one stderr sink at `level`
/// (trace to off), with UTC ISO-8601 timestamps in milliseconds. `format` "json" writes one
/// JSON object per line (time, level, logger, message); "text" writes plain lines. Makes
/// "lambdad" the default logger.
void setup_logging(const std::string& level, const std::string& format);

}  // namespace lambdad::daemon
