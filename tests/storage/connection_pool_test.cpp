#include "storage/connection_pool.hpp"

#include "storage/temporary_directory.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace lambdad::storage {
namespace {

class ConnectionPoolTest : public ::testing::Test {
protected:
    void SetUp() override {
        pool_ = std::make_unique<connection_pool>((dir_.path() / "pool.sqlite3").string());
        pool_->write([](connection& writer) {
            writer.execute("CREATE TABLE numbers (n INTEGER PRIMARY KEY)", "create");
        });
    }
    void TearDown() override { pool_.reset(); }

    void insert(connection& writer, int n) {
        statement& insert = writer.cached("INSERT INTO numbers (n) VALUES (?1)", "insert");
        statement_reset reset(insert);
        insert.bind_int64(1, n);
        insert.step();
    }

    std::vector<std::int64_t> stored() {
        return pool_->read([](connection& reader) {
            std::vector<std::int64_t> numbers;
            statement& select = reader.cached("SELECT n FROM numbers ORDER BY n", "select");
            statement_reset reset(select);
            while (select.step()) {
                numbers.push_back(select.column_int64(0));
            }
            return numbers;
        });
    }

    temporary_directory dir_{"lambdad-pool"};
    std::unique_ptr<connection_pool> pool_;
};

TEST_F(ConnectionPoolTest, ReturnsWorkResult) {
    const int result = pool_->transact([&](connection& writer) {
        insert(writer, 7);
        return 42;
    });
    EXPECT_EQ(result, 42);
    EXPECT_EQ(stored(), std::vector<std::int64_t>{7});
}

TEST_F(ConnectionPoolTest, FailedWorkLeavesNothing) {
    EXPECT_THROW(pool_->transact([&](connection& writer) {
        insert(writer, 1);
        throw std::runtime_error("condition failed");
    }),
                 std::runtime_error);
    EXPECT_TRUE(stored().empty());
}

// Many threads write at once, so that works share transactions; every fifth one fails after
// writing. The failed works' rows must be gone and every other row committed.
TEST_F(ConnectionPoolTest, ConcurrentWorksCommitIndependently) {
    constexpr int threads = 8;
    constexpr int writes_per_thread = 200;
    std::atomic<int> failures{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < threads; ++t) {
        writers.emplace_back([&, t] {
            for (int i = 0; i < writes_per_thread; ++i) {
                const int n = t * writes_per_thread + i;
                try {
                    pool_->transact([&](connection& writer) {
                        insert(writer, n);
                        if (n % 5 == 0) {
                            throw std::runtime_error("rejected");
                        }
                    });
                } catch (const std::runtime_error&) {
                    failures.fetch_add(1);
                }
            }
        });
    }
    for (auto& writer : writers) {
        writer.join();
    }

    std::vector<std::int64_t> expected;
    for (int n = 0; n < threads * writes_per_thread; ++n) {
        if (n % 5 != 0) {
            expected.push_back(n);
        }
    }
    EXPECT_EQ(failures.load(), threads * writes_per_thread / 5);
    EXPECT_EQ(stored(), expected);
}

// A work that breaks a constraint fails alone even when it shares a transaction with others.
TEST_F(ConnectionPoolTest, ConstraintFailureRollsBackAlone) {
    pool_->transact([&](connection& writer) { insert(writer, 100); });
    constexpr int threads = 4;
    std::atomic<int> failures{0};
    std::vector<std::thread> writers;
    for (int t = 0; t < threads; ++t) {
        writers.emplace_back([&, t] {
            for (int i = 0; i < 50; ++i) {
                try {
                    pool_->transact([&](connection& writer) {
                        insert(writer, 1000 + t * 50 + i);
                        insert(writer, 100);  // already stored: PRIMARY KEY constraint
                    });
                } catch (const sqlite_error&) {
                    failures.fetch_add(1);
                }
            }
        });
    }
    for (auto& writer : writers) {
        writer.join();
    }
    EXPECT_EQ(failures.load(), threads * 50);
    EXPECT_EQ(stored(), std::vector<std::int64_t>{100});
}

TEST_F(ConnectionPoolTest, BatchCommitsWorksTogether) {
    std::vector<std::int64_t> seen_inside;
    pool_->run_batch([&] {
        pool_->transact([&](connection& writer) { insert(writer, 1); });
        EXPECT_THROW(pool_->transact([&](connection& writer) {
            insert(writer, 2);
            throw std::runtime_error("condition failed");
        }),
                     std::runtime_error);
        pool_->transact([&](connection& writer) { insert(writer, 3); });
        seen_inside = stored();
    });
    EXPECT_EQ(seen_inside, (std::vector<std::int64_t>{1, 3}));
    EXPECT_EQ(stored(), (std::vector<std::int64_t>{1, 3}));
}

TEST_F(ConnectionPoolTest, BatchRollsBackWhenBodyThrows) {
    EXPECT_THROW(pool_->run_batch([&] {
        pool_->transact([&](connection& writer) { insert(writer, 1); });
        throw std::runtime_error("batch failed");
    }),
                 std::runtime_error);
    EXPECT_TRUE(stored().empty());
}

TEST_F(ConnectionPoolTest, GroupCommitAfterBatch) {
    pool_->run_batch([&] { pool_->transact([&](connection& writer) { insert(writer, 1); }); });
    pool_->transact([&](connection& writer) { insert(writer, 2); });
    EXPECT_EQ(stored(), (std::vector<std::int64_t>{1, 2}));
}

}  // namespace
}  // namespace lambdad::storage
