#include "common/ids.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

bool is_uuid_text(const std::string& text) {
    if (text.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
        char c = text[i];
        if (dash_position ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

/// The 60-bit timestamp of a version 1 UUID in text form.
std::uint64_t timestamp_of(const std::string& uuid) {
    std::string time_low = uuid.substr(0, 8);
    std::string time_mid = uuid.substr(9, 4);
    std::string time_high = uuid.substr(15, 3);
    return (std::stoull(time_high, nullptr, 16) << 48) |
           (std::stoull(time_mid, nullptr, 16) << 32) | std::stoull(time_low, nullptr, 16);
}

bool has_rfc4122_variant(const std::string& uuid) {
    char c = uuid[19];
    return c == '8' || c == '9' || c == 'a' || c == 'b';
}

}  // namespace

TEST(RandomUuid, HasCanonicalLowerCaseForm) {
    std::string uuid = lambdad::random_uuid();
    EXPECT_TRUE(is_uuid_text(uuid)) << uuid;
}

TEST(RandomUuid, SetsVersionFourAndVariant) {
    for (int i = 0; i < 200; ++i) {
        std::string uuid = lambdad::random_uuid();
        EXPECT_EQ(uuid[14], '4') << uuid;
        EXPECT_TRUE(has_rfc4122_variant(uuid)) << uuid;
    }
}

TEST(RandomUuid, IsUniqueOverManyCalls) {
    std::set<std::string> seen;
    for (int i = 0; i < 20000; ++i) {
        EXPECT_TRUE(seen.insert(lambdad::random_uuid()).second);
    }
}

TEST(TimeUuid, HasCanonicalFormVersionAndVariant) {
    std::string uuid = lambdad::time_uuid();
    EXPECT_TRUE(is_uuid_text(uuid)) << uuid;
    EXPECT_EQ(uuid[14], '1') << uuid;
    EXPECT_TRUE(has_rfc4122_variant(uuid)) << uuid;
}

TEST(TimeUuid, SetsMulticastBitOfNode) {
    std::string uuid = lambdad::time_uuid();
    int first_node_byte = std::stoi(uuid.substr(24, 2), nullptr, 16);
    EXPECT_EQ(first_node_byte & 0x01, 1) << uuid;
}

TEST(TimeUuid, TimestampsIncreaseStrictly) {
    std::uint64_t previous = timestamp_of(lambdad::time_uuid());
    for (int i = 0; i < 20000; ++i) {
        std::uint64_t current = timestamp_of(lambdad::time_uuid());
        ASSERT_GT(current, previous);
        previous = current;
    }
}

TEST(TimeUuid, TimestampIsCurrentTime) {
    // 100 ns intervals from 1582-10-15 to 2020-01-01 and to 2200-01-01.
    constexpr std::uint64_t year_2020 = 0x01B21DD213814000ULL + 15778368000000000ULL;
    constexpr std::uint64_t year_2200 = 0x01B21DD213814000ULL + 72581184000000000ULL;
    std::uint64_t timestamp = timestamp_of(lambdad::time_uuid());
    EXPECT_GT(timestamp, year_2020);
    EXPECT_LT(timestamp, year_2200);
}

TEST(TimeUuid, UniqueAcrossConcurrentThreads) {
    constexpr int thread_count = 8;
    constexpr int per_thread = 5000;
    std::mutex mutex;
    std::set<std::string> seen;
    std::vector<std::thread> threads;
    for (int t = 0; t < thread_count; ++t) {
        threads.emplace_back([&] {
            std::vector<std::string> made;
            for (int i = 0; i < per_thread; ++i) {
                made.push_back(lambdad::time_uuid());
            }
            std::lock_guard lock(mutex);
            seen.insert(made.begin(), made.end());
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(seen.size(), static_cast<std::size_t>(thread_count * per_thread));
}

TEST(FillRandom, SuccessiveDrawsDiffer) {
    // Enough 16-byte draws to refill the per-thread buffer several times.
    std::set<std::string> seen;
    for (int i = 0; i < 2000; ++i) {
        std::string bytes(16, '\0');
        lambdad::fill_random(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size());
        seen.insert(bytes);
    }
    EXPECT_EQ(seen.size(), 2000u);
}

TEST(FillRandom, LargeRequestIsFilled) {
    // A request larger than the buffer hands out is drawn directly; all-zero output would mean
    // nothing was written.
    std::vector<unsigned char> bytes(10000, 0);
    lambdad::fill_random(bytes.data(), bytes.size());
    std::size_t zeros = std::count(bytes.begin(), bytes.end(), 0);
    EXPECT_LT(zeros, 200u);
}

TEST(FillRandom, ThreadsGetDifferentBytes) {
    std::string first(16, '\0');
    std::string second(16, '\0');
    std::thread other([&] {
        lambdad::fill_random(reinterpret_cast<unsigned char*>(second.data()), second.size());
    });
    other.join();
    lambdad::fill_random(reinterpret_cast<unsigned char*>(first.data()), first.size());
    EXPECT_NE(first, second);
}
