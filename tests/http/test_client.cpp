#include "http/test_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>

namespace lambdad::http::testing {

test_client::test_client(std::uint16_t port) {
    socket_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (socket_ < 0 ||
        ::connect(socket_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        throw std::runtime_error("cannot connect to the test server");
    }
}

test_client::~test_client() {
    ::close(socket_);
}

void test_client::send(const std::string& bytes) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
        ssize_t count = ::send(socket_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (count <= 0) {
            throw std::runtime_error("send failed");
        }
        sent += static_cast<std::size_t>(count);
    }
}

bool test_client::fill() {
    pollfd ready{socket_, POLLIN, 0};
    if (::poll(&ready, 1, 2000) <= 0) {
        return false;
    }
    char chunk[4096];
    ssize_t count = ::recv(socket_, chunk, sizeof chunk, 0);
    if (count <= 0) {
        return false;
    }
    pending_.append(chunk, static_cast<std::size_t>(count));
    return true;
}

std::string test_client::read_response(bool head) {
    std::size_t header_end;
    while ((header_end = pending_.find("\r\n\r\n")) == std::string::npos) {
        if (!fill()) {
            return {};
        }
    }
    header_end += 4;
    std::string length = header_value(pending_.substr(0, header_end), "Content-Length");
    std::size_t body_size = head || length.empty() ? 0 : std::stoul(length);
    while (pending_.size() < header_end + body_size) {
        if (!fill()) {
            return {};
        }
    }
    std::string response = pending_.substr(0, header_end + body_size);
    pending_.erase(0, header_end + body_size);
    return response;
}

bool test_client::closed_by_server() {
    pollfd ready{socket_, POLLIN, 0};
    if (::poll(&ready, 1, 2000) <= 0) {
        return false;
    }
    char byte;
    return ::recv(socket_, &byte, 1, 0) <= 0;
}

std::string header_value(const std::string& response, const std::string& name) {
    std::string needle = "\r\n" + name + ": ";
    auto start = response.find(needle);
    if (start == std::string::npos) {
        return {};
    }
    start += needle.size();
    return response.substr(start, response.find("\r\n", start) - start);
}

std::string body_of(const std::string& response) {
    auto end = response.find("\r\n\r\n");
    return end == std::string::npos ? std::string() : response.substr(end + 4);
}

}  // namespace lambdad::http::testing
