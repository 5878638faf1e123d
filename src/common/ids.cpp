#include "common/ids.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <stdexcept>

namespace lambdad {
namespace {

using uuid_bytes = std::array<unsigned char, 16>;

/// 100 ns intervals from the Gregorian reform (1582-10-15) to the Unix epoch, RFC 4122 4.1.4.
constexpr std::uint64_t gregorian_to_unix_100ns = 0x01B21DD213814000ULL;

constexpr std::size_t random_buffer_size = 4096;

/// Random bytes drawn ahead for one thread; bytes before `next` have been handed out.
struct random_buffer {
    std::array<unsigned char, random_buffer_size> bytes{};
    std::size_t next = random_buffer_size;
};

void draw_random(unsigned char* data, std::size_t size) {
    if (RAND_bytes(data, static_cast<int>(size)) != 1) {
        throw std::runtime_error("OpenSSL RAND_bytes failed to generate random bytes");
    }
}

std::string format_uuid(const uuid_bytes& bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string text;
    text.reserve(36);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) {
            text.push_back('-');
        }
        text.push_back(digits[bytes[i] >> 4]);
        text.push_back(digits[bytes[i] & 0x0f]);
    }
    return text;
}

std::uint64_t now_100ns_since_gregorian() {
    auto since_unix = std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::system_clock::now().time_since_epoch());
    return static_cast<std::uint64_t>(since_unix.count()) / 100 + gregorian_to_unix_100ns;
}

/// Returns a timestamp greater than every one returned before in this process, so that two
/// calls in the same 100 ns interval, or after the wall clock steps back, still differ.
std::uint64_t next_timestamp() {
    static std::atomic<std::uint64_t> last{0};
    std::uint64_t previous = last.load(std::memory_order_relaxed);
    std::uint64_t next = 0;
    do {
        std::uint64_t now = now_100ns_since_gregorian();
        next = now > previous ? now : previous + 1;
    } while (!last.compare_exchange_weak(previous, next, std::memory_order_relaxed));
    return next;
}

/// The random clock sequence (bytes 8-9, variant not yet set) and node id (bytes 10-15) of
/// this process, drawn once.
struct time_uuid_identity {
    std::array<unsigned char, 8> bytes{};

    time_uuid_identity() {
        fill_random(bytes.data(), bytes.size());
        // The multicast bit of the node id marks it as random rather than a MAC address.
        bytes[2] |= 0x01;
    }
};

}  // namespace

void fill_random(unsigned char* data, std::size_t size) {
    if (size > random_buffer_size / 4) {
        draw_random(data, size);
        return;
    }
    thread_local random_buffer buffer;
    if (buffer.next + size > buffer.bytes.size()) {
        draw_random(buffer.bytes.data(), buffer.bytes.size());
        buffer.next = 0;
    }
    std::copy_n(buffer.bytes.begin() + static_cast<std::ptrdiff_t>(buffer.next), size, data);
    // Handed-out bytes are wiped so that no copy of them stays in the buffer.
    std::fill_n(buffer.bytes.begin() + static_cast<std::ptrdiff_t>(buffer.next), size, 0);
    buffer.next += size;
}

std::string random_uuid() {
    uuid_bytes bytes;
    fill_random(bytes.data(), bytes.size());
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x40);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
    return format_uuid(bytes);
}

std::string time_uuid() {
    static const time_uuid_identity identity;
    std::uint64_t timestamp = next_timestamp();

    uuid_bytes bytes;
    // time_low (32 bits), time_mid (16 bits), then version 1 and time_high (12 bits).
    for (int i = 0; i < 4; ++i) {
        bytes[3 - i] = static_cast<unsigned char>(timestamp >> (8 * i));
    }
    bytes[4] = static_cast<unsigned char>(timestamp >> 40);
    bytes[5] = static_cast<unsigned char>(timestamp >> 32);
    bytes[6] = static_cast<unsigned char>(((timestamp >> 56) & 0x0f) | 0x10);
    bytes[7] = static_cast<unsigned char>(timestamp >> 48);
    for (std::size_t i = 0; i < identity.bytes.size(); ++i) {
        bytes[8 + i] = identity.bytes[i];
    }
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
    return format_uuid(bytes);
}

}  // namespace lambdad
