// A minimal HTTP/1.1 keep-alive server that sends the same JSON body in response to every request.
// scripts/bench measures it beside lambdad, so that lambdad's numbers can be read as a ratio to
// what Beast and Asio alone reach on the same machine in the same run.

#include <CLI/CLI.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <cstdint>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

// The size and shape of a Users GET /users/{userid} response body, with the same headers.
constexpr std::string_view fixed_body =
    R"({"userid": "5c0a7d32-b1d4-11ef-8c1a-0b3e7d1c5a9f", "name": "Bench User 42", )"
    R"("email": "user42@example.com", "timestamp": "2026-12-04T13:45:02.123456"})";
constexpr std::string_view fixed_request_id = "0d6f0e2c-5a57-4a44-9a8e-3f3c8b1f9a11";

http::response<http::string_body> make_response(unsigned version, bool keep_alive) {
    http::response<http::string_body> response{http::status::ok, version};
    response.set(http::field::content_type, "application/json");
    response.set("Access-Control-Allow-Origin", "*");
    response.set("x-amzn-RequestId", fixed_request_id);
    response.keep_alive(keep_alive);
    response.body() = fixed_body;
    response.prepare_payload();
    return response;
}

// One connection: read a request, write the fixed response, repeat while the client keeps the
// connection alive. Socket errors, end of stream included, simply end the connection.
asio::awaitable<void> serve_connection(tcp::socket socket) {
    beast::flat_buffer buffer;
    for (;;) {
        http::request<http::string_body> request;
        auto [read_error, read_bytes] =
            co_await http::async_read(socket, buffer, request, use_tuple);
        if (read_error) {
            co_return;
        }
        auto response = make_response(request.version(), request.keep_alive());
        auto [write_error, written_bytes] = co_await http::async_write(socket, response, use_tuple);
        if (write_error || !response.keep_alive()) {
            co_return;
        }
    }
}

asio::awaitable<void> accept_connections(tcp::acceptor& acceptor) {
    auto context = co_await asio::this_coro::executor;
    for (;;) {
        // Each connection runs on its own strand so that one connection's steps never overlap.
        auto [error, socket] =
            co_await acceptor.async_accept(asio::make_strand(context), use_tuple);
        if (error == asio::error::operation_aborted) {
            co_return;
        }
        if (error) {
            continue;
        }
        auto executor = socket.get_executor();
        asio::co_spawn(executor, serve_connection(std::move(socket)), asio::detached);
    }
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Sends a fixed JSON body in response to every HTTP request, for benchmarks."};
    std::string host = "127.0.0.1";
    std::uint16_t port = 0;
    unsigned threads = 2;
    app.add_option("--host", host, "Address to listen on");
    app.add_option("--port", port, "Port to listen on; 0 picks a free one");
    app.add_option("--threads", threads, "Number of I/O threads")->check(CLI::Range(1U, 256U));
    CLI11_PARSE(app, argc, argv);

    asio::io_context context{static_cast<int>(threads)};
    tcp::acceptor acceptor{context, {asio::ip::make_address(host), port}};
    asio::signal_set signals{context, SIGINT, SIGTERM};
    signals.async_wait([&](auto, int) {
        acceptor.close();
        context.stop();
    });
    asio::co_spawn(context, accept_connections(acceptor), asio::detached);

    std::cout << "fixed_body_server listening on http://" << host << ':'
              << acceptor.local_endpoint().port() << std::endl;

    std::vector<std::thread> pool;
    for (unsigned i = 1; i < threads; ++i) {
        pool.emplace_back([&context] { context.run(); });
    }
    context.run();
    for (auto& thread : pool) {
        thread.join();
    }
    return 0;
}
