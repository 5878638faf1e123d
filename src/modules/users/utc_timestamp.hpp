#pragma once

#include <chrono>
#include <string>

namespace lambdad::modules {

/// Formats `time` in UTC as ISO 8601 without a zone, as Python's
/// `datetime.utcnow().isoformat()` does: `2024-02-18T02:55:26.828474`, or
/// `2024-02-18T02:55:26` when the microseconds are zero.
std::string utc_isoformat(std::chrono::system_clock::time_point time);

}  // namespace lambdad::modules
