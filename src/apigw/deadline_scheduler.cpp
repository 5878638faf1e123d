#include "apigw/deadline_scheduler.hpp"

#include <spdlog/spdlog.h>

#include <exception>

namespace lambdad::apigw {

deadline_scheduler::~deadline_scheduler() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable()) {
        thread_.join();
    }
}

void deadline_scheduler::schedule(std::chrono::milliseconds delay, std::function<void()> callback) {
    {
        std::lock_guard lock(mutex_);
        pending_.emplace(std::chrono::steady_clock::now() + delay, std::move(callback));
        if (!thread_.joinable()) {
            thread_ = std::thread([this] { run(); });
        }
    }
    changed_.notify_all();
}

void deadline_scheduler::run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        if (pending_.empty()) {
            changed_.wait(lock);
            continue;
        }
        auto due = pending_.begin()->first;
        if (std::chrono::steady_clock::now() < due) {
            changed_.wait_until(lock, due);
            continue;
        }
        std::function<void()> callback = std::move(pending_.begin()->second);
        pending_.erase(pending_.begin());
        lock.unlock();
        try {
            callback();
        } catch (const std::exception& error) {
            spdlog::error("Deadline callback failed. error={}", error.what());
        }
        lock.lock();
    }
}

}  // namespace lambdad::apigw
