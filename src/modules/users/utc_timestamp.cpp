#include "modules/users/utc_timestamp.hpp"

#include <cstdio>
#include <ctime>

namespace lambdad::modules {

std::string utc_isoformat(std::chrono::system_clock::time_point time) {
    using namespace std::chrono;
    auto micros = floor<microseconds>(time);
    auto whole_seconds = floor<seconds>(micros);
    long long fraction = (micros - whole_seconds).count();
    std::time_t seconds_since_epoch = system_clock::to_time_t(whole_seconds);
    std::tm utc{};
    gmtime_r(&seconds_since_epoch, &utc);
    char text[40];
    std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    if (fraction != 0) {
        std::snprintf(text + length, sizeof text - length, ".%06lld", fraction);
    }
    return text;
}

}  // namespace lambdad::modules
