#pragma once

#include "http/message.hpp"
#include "http/wire.hpp"

#include <boost/asio/associated_executor.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>

#include <atomic>
#include <exception>
#include <memory>
#include <optional>
#include <utility>

namespace lambdad::http {

/// Holds the completion of one handler call until the responder runs on whatever thread, then
/// resumes the waiting session on its own executor (its I/O thread).
template <typename Completion>
class responder_slot {
public:
    explicit responder_slot(Completion completion)
        : work_(boost::asio::make_work_guard(boost::asio::get_associated_executor(completion))),
          completion_(std::move(completion)) {}

    /// A handler that drops its responder without calling it would leave the session waiting
    /// forever, so the session gets a 500 instead.
    ~responder_slot() {
        if (!done_.load()) {
            complete(plain_response(500, "Internal Server Error"));
        }
    }

    responder_slot(const responder_slot&) = delete;
    responder_slot& operator=(const responder_slot&) = delete;

    /// Delivers `message`; any call after the first is ignored.
    void complete(response message) {
        if (done_.exchange(true)) {
            return;
        }
        auto executor = work_.get_executor();
        boost::asio::dispatch(executor, [completion = std::move(*completion_),
                                         message = std::move(message)]() mutable {
            std::move(completion)(std::move(message));
        });
        completion_.reset();
        work_.reset();
    }

private:
    /// Keeps the I/O context running while the handler works elsewhere.
    boost::asio::executor_work_guard<boost::asio::associated_executor_t<Completion>> work_;
    std::optional<Completion> completion_;
    std::atomic<bool> done_{false};
};

/// Calls `on_request` with `message` and completes with the response it passes to its
/// responder. An exception from the handler completes with 500 and is passed to `on_error`.
template <typename Token, typename OnError>
auto async_call_handler(const handler& on_request, request message, OnError on_error,
                        Token&& token) {
    auto initiation = [&on_request, on_error](auto completion, request moved) {
        using slot_type = responder_slot<decltype(completion)>;
        auto slot = std::make_shared<slot_type>(std::move(completion));
        try {
            on_request(std::move(moved),
                       [slot](response answer) { slot->complete(std::move(answer)); });
        } catch (...) {
            on_error(std::current_exception());
            slot->complete(plain_response(500, "Internal Server Error"));
        }
    };
    return boost::asio::async_initiate<Token, void(response)>(initiation, token,
                                                              std::move(message));
}

}  // namespace lambdad::http
