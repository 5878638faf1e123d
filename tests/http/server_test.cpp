#include "http/server.hpp"

#include "http/io_runtime.hpp"
#include "http/test_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace lambdad::http {
namespace {

using testing::body_of;
using testing::header_value;
using testing::test_client;

/// A server on an ephemeral loopback port, its runtime on two I/O threads, and a record of
/// the requests its handler saw.
class ServerTest : public ::testing::Test {
protected:
    void start(handler on_request, server_options options = {}) {
        options.host = "127.0.0.1";
        options.port = 0;
        if (!options.too_large) {
            options.too_large = [](const request& header_only) {
                response answer;
                answer.status = 413;
                answer.body = "too large: " + header_only.target;
                return answer;
            };
        }
        server_ = std::make_unique<server>(runtime_, options, std::move(on_request));
        server_->start();
        io_thread_ = std::thread([this] { runtime_.run(); });
    }

    /// A handler that records the request and returns 200 with the target as body.
    handler echo_target() {
        return [this](request&& message, responder respond) {
            response answer;
            answer.body = message.target;
            answer.headers.push_back(header{"X-Conn", std::to_string(message.connection_id)});
            {
                std::lock_guard lock(mutex_);
                seen_.push_back(std::move(message));
            }
            respond(std::move(answer));
        };
    }

    void TearDown() override {
        if (server_) {
            std::promise<std::size_t> stopped;
            server_->stop(std::chrono::milliseconds(2000),
                          [&](std::size_t open) { stopped.set_value(open); });
            EXPECT_EQ(stopped.get_future().get(), 0u);
            runtime_.stop();
        }
        if (io_thread_.joinable()) {
            io_thread_.join();
        }
        for (auto& worker : workers_) {
            worker.join();
        }
    }

    std::uint16_t port() const { return server_->port(); }

    io_runtime runtime_{2};
    std::unique_ptr<server> server_;
    std::thread io_thread_;
    std::mutex mutex_;
    /// Requests the handler received; guarded by `mutex_`.
    std::vector<request> seen_;
    /// Threads started by handlers, joined at teardown.
    std::vector<std::thread> workers_;
};

TEST_F(ServerTest, ReusesKeptAliveConnection) {
    start(echo_target());
    test_client client(port());
    client.send("GET /first HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string first = client.read_response();
    client.send("GET /second?q=1 HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string second = client.read_response();

    EXPECT_EQ(first.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << first;
    EXPECT_EQ(body_of(first), "/first");
    EXPECT_EQ(body_of(second), "/second?q=1");
    EXPECT_EQ(header_value(first, "Connection"), "keep-alive");
    EXPECT_EQ(header_value(first, "Content-Length"), "6");
    EXPECT_FALSE(header_value(first, "Date").empty());
    EXPECT_EQ(header_value(first, "Server"), "");
    EXPECT_EQ(header_value(first, "X-Conn"), header_value(second, "X-Conn"));
}

TEST_F(ServerTest, ClosesIdleConnectionAfterIdleTimeout) {
    server_options options;
    options.idle_timeout = std::chrono::milliseconds(200);
    start(echo_target(), options);
    test_client client(port());
    client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(body_of(client.read_response()), "/a");
    EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, KeepsConnectionOpenWithinIdleTimeout) {
    server_options options;
    options.idle_timeout = std::chrono::milliseconds(30'000);
    start(echo_target(), options);
    test_client client(port());
    client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(body_of(client.read_response()), "/a");
    EXPECT_FALSE(client.closed_by_server());
    client.send("GET /b HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(body_of(client.read_response()), "/b");
}

TEST_F(ServerTest, ClosesConnectionWithSlowHeader) {
    server_options options;
    options.header_timeout = std::chrono::milliseconds(200);
    start(echo_target(), options);
    test_client client(port());
    client.send("GET /slow HTTP/1.1\r\nHost: x\r\n");
    EXPECT_TRUE(client.closed_by_server());
    std::lock_guard lock(mutex_);
    EXPECT_TRUE(seen_.empty());
}

TEST_F(ServerTest, ClosesConnectionWithSlowBody) {
    server_options options;
    options.body_timeout = std::chrono::milliseconds(200);
    start(echo_target(), options);
    test_client client(port());
    client.send("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc");
    EXPECT_TRUE(client.closed_by_server());
    std::lock_guard lock(mutex_);
    EXPECT_TRUE(seen_.empty());
}

// TearDown stops the server with a 2 s grace and expects no connection left open.
TEST_F(ServerTest, StopClosesConnectionThatSentNothing) {
    start(echo_target());
    test_client silent(port());
    test_client client(port());
    client.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(body_of(client.read_response()), "/a");
}

TEST_F(ServerTest, ClosesWhenClientAsksToClose) {
    start(echo_target());
    test_client client(port());
    client.send("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    std::string answer = client.read_response();
    EXPECT_EQ(header_value(answer, "Connection"), "close");
    EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, PreservesRepeatedHeadersInOrder) {
    start(echo_target());
    test_client client(port());
    client.send(
        "POST /items HTTP/1.1\r\nHost: x\r\nX-Tag: a\r\nx-tag: b\r\nX-TAG: c\r\n"
        "Content-Length: 5\r\n\r\nhello");
    client.read_response();

    std::lock_guard lock(mutex_);
    ASSERT_EQ(seen_.size(), 1u);
    const request& received = seen_[0];
    EXPECT_EQ(received.method, "POST");
    EXPECT_EQ(received.body, "hello");
    EXPECT_EQ(received.remote_address, "127.0.0.1");
    EXPECT_NE(received.connection_id, 0u);
    ASSERT_EQ(received.headers.size(), 5u);
    EXPECT_EQ(received.headers[1].name, "X-Tag");
    EXPECT_EQ(received.headers[1].value, "a");
    EXPECT_EQ(received.headers[2].name, "x-tag");
    EXPECT_EQ(received.headers[2].value, "b");
    EXPECT_EQ(received.headers[3].name, "X-TAG");
    EXPECT_EQ(received.headers[3].value, "c");
}

TEST_F(ServerTest, AnswersTooLargeForContentLength) {
    server_options options;
    options.body_limit_bytes = 10;
    start(echo_target(), options);
    test_client client(port());
    client.send("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n");
    std::string answer = client.read_response();
    EXPECT_EQ(answer.rfind("HTTP/1.1 413 ", 0), 0u) << answer;
    EXPECT_EQ(body_of(answer), "too large: /big");
    EXPECT_EQ(header_value(answer, "Connection"), "close");
    EXPECT_TRUE(client.closed_by_server());
    std::lock_guard lock(mutex_);
    EXPECT_TRUE(seen_.empty());
}

TEST_F(ServerTest, AnswersTooLargeForChunkedBody) {
    server_options options;
    options.body_limit_bytes = 10;
    start(echo_target(), options);
    test_client client(port());
    client.send(
        "POST /chunks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "8\r\n01234567\r\n8\r\n89abcdef\r\n0\r\n\r\n");
    std::string answer = client.read_response();
    EXPECT_EQ(answer.rfind("HTTP/1.1 413 ", 0), 0u) << answer;
    EXPECT_EQ(body_of(answer), "too large: /chunks");
}

TEST_F(ServerTest, AcceptsChunkedBodyWithinLimit) {
    start(echo_target());
    test_client client(port());
    client.send(
        "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
    EXPECT_EQ(body_of(client.read_response()), "/c");
    std::lock_guard lock(mutex_);
    ASSERT_EQ(seen_.size(), 1u);
    EXPECT_EQ(seen_[0].body, "abcde");
}

TEST_F(ServerTest, AnswersBadRequestForMalformedInput) {
    start(echo_target());
    const char* inputs[] = {
        "GARBAGE\r\n\r\n",
        "GET / HTTP/1.1\r\nBad Header Line\r\n\r\n",
        "GET / HTTP/1.1\r\nContent-Length: nope\r\n\r\n",
        "GET / HTTP/9.9\r\n\r\n",
    };
    for (const char* input : inputs) {
        test_client client(port());
        client.send(input);
        std::string answer = client.read_response();
        EXPECT_EQ(answer.rfind("HTTP/1.1 400 ", 0), 0u) << input << "\n" << answer;
        EXPECT_TRUE(client.closed_by_server()) << input;
    }
    std::lock_guard lock(mutex_);
    EXPECT_TRUE(seen_.empty());
}

TEST_F(ServerTest, AcceptsResponderFromOtherThread) {
    start([this](request&&, responder respond) {
        std::lock_guard lock(mutex_);
        workers_.emplace_back([respond = std::move(respond)] {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            response answer;
            answer.status = 201;
            answer.headers.push_back(header{"Content-Type", "application/json"});
            answer.body = "{}";
            respond(std::move(answer));
        });
    });
    test_client client(port());
    for (int i = 0; i < 3; ++i) {
        client.send("GET /later HTTP/1.1\r\nHost: x\r\n\r\n");
        std::string answer = client.read_response();
        EXPECT_EQ(answer.rfind("HTTP/1.1 201 ", 0), 0u) << answer;
        EXPECT_EQ(header_value(answer, "Content-Type"), "application/json");
        EXPECT_EQ(body_of(answer), "{}");
    }
}

TEST_F(ServerTest, AnswersServerErrorWhenHandlerFails) {
    start([](request&& message, responder respond) {
        if (message.target == "/throw") {
            throw std::runtime_error("handler bug");
        }
        // Dropping the responder without calling it.
        (void)respond;
    });
    test_client client(port());
    client.send("GET /throw HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(client.read_response().rfind("HTTP/1.1 500 ", 0), 0u);
    client.send("GET /drop HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(client.read_response().rfind("HTTP/1.1 500 ", 0), 0u);
}

TEST_F(ServerTest, SendsNoBodyForHead) {
    start(echo_target());
    test_client client(port());
    client.send("HEAD /abc HTTP/1.1\r\nHost: x\r\n\r\n");
    std::string answer = client.read_response(true);
    EXPECT_EQ(header_value(answer, "Content-Length"), "4");
    EXPECT_EQ(body_of(answer), "");
    client.send("GET /next HTTP/1.1\r\nHost: x\r\n\r\n");
    EXPECT_EQ(body_of(client.read_response()), "/next");
}

TEST_F(ServerTest, ClosesConnectionsBeyondMax) {
    server_options options;
    options.max_connections = 1;
    start(echo_target(), options);
    test_client first(port());
    first.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_FALSE(first.read_response().empty());
    test_client second(port());
    EXPECT_TRUE(second.closed_by_server());
}

TEST_F(ServerTest, StopClosesIdleAndFinishesInFlight) {
    std::promise<responder> pending;
    start([&](request&& message, responder respond) {
        if (message.target == "/slow") {
            pending.set_value(std::move(respond));
            return;
        }
        respond(response{});
    });
    test_client idle(port());
    idle.send("GET /fast HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_FALSE(idle.read_response().empty());
    test_client busy(port());
    busy.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n");
    responder respond = pending.get_future().get();

    server_->stop();
    EXPECT_TRUE(idle.closed_by_server());
    response answer;
    answer.body = "done";
    respond(std::move(answer));
    std::string finished = busy.read_response();
    EXPECT_EQ(body_of(finished), "done");
    EXPECT_EQ(header_value(finished, "Connection"), "close");
    EXPECT_TRUE(busy.closed_by_server());
    EXPECT_THROW(
        {
            test_client late(port());
            late.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
            if (late.read_response().empty()) {
                throw std::runtime_error("closed");
            }
        },
        std::runtime_error);
}

}  // namespace
}  // namespace lambdad::http
