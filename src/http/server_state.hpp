#pragma once

#include "http/message.hpp"
#include "http/server.hpp"

#include <spdlog/logger.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace lambdad::http {

class session;

/// The state a server shares with its sessions. Sessions hold it by shared_ptr, so it outlives
/// the server object while a session is still finishing.
struct server_state {
    server_options options;
    handler on_request;
    std::shared_ptr<spdlog::logger> log;
    /// Set once by stop(); sessions then close after their current response.
    std::atomic<bool> stopping{false};
    /// Open sessions, counted from accept to close.
    std::atomic<std::size_t> open{0};
    std::mutex mutex;
    /// Every open session, for stop(); guarded by `mutex`.
    std::unordered_map<std::uint64_t, std::weak_ptr<session>> sessions;
};

/// Returns the "lambdad" logger, or spdlog's default logger where it is not registered.
std::shared_ptr<spdlog::logger> http_logger();

}  // namespace lambdad::http
