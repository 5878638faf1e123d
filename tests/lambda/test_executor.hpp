#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lambdad::test {

/// A fixed set of worker threads running posted tasks in order. The destructor runs what is
/// left and joins the threads.
class thread_executor {
public:
    explicit thread_executor(std::size_t threads) {
        for (std::size_t i = 0; i < threads; ++i) {
            workers_.emplace_back([this] { work(); });
        }
    }

    ~thread_executor() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        ready_.notify_all();
        for (auto& worker : workers_) {
            worker.join();
        }
    }

    void post(std::function<void()> task) {
        {
            std::lock_guard lock(mutex_);
            tasks_.push_back(std::move(task));
        }
        ready_.notify_one();
    }

    /// A blocking_executor that posts to this executor.
    std::function<void(std::function<void()>)> as_function() {
        return [this](std::function<void()> task) { post(std::move(task)); };
    }

private:
    void work() {
        for (;;) {
            std::function<void()> task;
            {
                std::unique_lock lock(mutex_);
                ready_.wait(lock, [this] { return stopping_ || !tasks_.empty(); });
                if (tasks_.empty()) {
                    return;
                }
                task = std::move(tasks_.front());
                tasks_.pop_front();
            }
            task();
        }
    }

    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::function<void()>> tasks_;  // guarded by `mutex_`
    bool stopping_ = false;                    // guarded by `mutex_`
    std::vector<std::thread> workers_;
};

}  // namespace lambdad::test
