#include "apigw/access_log.hpp"

namespace lambdad::apigw {
namespace {

std::string_view or_dash(std::string_view text) {
    return text.empty() ? "-" : text;
}

double to_ms(std::chrono::microseconds duration) {
    return static_cast<double>(duration.count()) / 1000.0;
}

}  // namespace

void log_access(spdlog::logger& logger, const access_record& record) {
    // The user agent is client text, so it is quoted and escaped.
    logger.info(
        "Request completed. request_id={} conn={} remote={} method={} path={} status={} "
        "bytes_in={} bytes_out={} duration_ms={:.3f} integration_latency_ms={:.3f} api={} "
        "stage={} route=\"{}\" function={} start={} error_type={} user_agent={:?}",
        or_dash(record.request_id), record.connection_id, or_dash(record.remote_address),
        or_dash(record.method), or_dash(record.path), record.status, record.bytes_in,
        record.bytes_out, to_ms(record.duration), to_ms(record.integration_latency),
        or_dash(record.api), or_dash(record.stage), or_dash(record.route), or_dash(record.function),
        or_dash(record.start), or_dash(record.error_type), record.user_agent);
}

}  // namespace lambdad::apigw
