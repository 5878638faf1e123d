#include "storage/read_anchor.hpp"

#include "storage/connection_pool.hpp"
#include "storage/temporary_directory.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

namespace lambdad::storage {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;

/// An anchor that is set at once and never moved or kept away unless a test sets other timings.
constexpr anchor_timing eager{milliseconds(0), hours(1), hours(1)};

class ReadAnchorTest : public ::testing::Test {
protected:
    void SetUp() override {
        path_ = (dir_.path() / "anchor.sqlite3").string();
        // Plays a writer in another process: a connection that does not report its writes to
        // the anchor.
        other_writer_ = std::make_unique<connection>(path_);
        other_writer_->execute("PRAGMA journal_mode = WAL", "wal");
        other_writer_->execute("CREATE TABLE numbers (n INTEGER PRIMARY KEY)", "create");
    }
    void TearDown() override { other_writer_.reset(); }

    std::unique_ptr<read_anchor> make_anchor(anchor_timing timing) {
        return std::make_unique<read_anchor>(std::make_unique<connection>(path_), timing);
    }

    void insert_elsewhere(int n) {
        other_writer_->execute("INSERT INTO numbers (n) VALUES (" + std::to_string(n) + ")",
                               "insert");
    }

    std::int64_t count_with(connection& reader) {
        statement& count = reader.cached("SELECT count(*) FROM numbers", "count");
        statement_reset reset(count);
        count.step();
        return count.column_int64(0);
    }

    temporary_directory dir_{"lambdad-anchor"};
    std::string path_;
    std::unique_ptr<connection> other_writer_;
};

TEST_F(ReadAnchorTest, HoldsReadTransactionAfterFirstRead) {
    auto anchor = make_anchor(eager);
    EXPECT_FALSE(anchor->held());
    anchor->before_read();
    EXPECT_TRUE(anchor->held());
}

TEST_F(ReadAnchorTest, WriteDropsAnchorUntilQuietPeriodPasses) {
    auto anchor = make_anchor({hours(1), hours(1), hours(1)});
    anchor->before_read();
    ASSERT_TRUE(anchor->held());
    anchor->writing_started();
    EXPECT_FALSE(anchor->held());
    anchor->before_read();
    EXPECT_FALSE(anchor->held()) << "set again while a write is in progress";
    anchor->writing_finished();
    anchor->before_read();
    EXPECT_FALSE(anchor->held()) << "set again within the quiet period";
}

TEST_F(ReadAnchorTest, ReadersStillSeeNewerCommits) {
    auto anchor = make_anchor(eager);
    connection reader(path_);
    anchor->before_read();
    ASSERT_TRUE(anchor->held());
    insert_elsewhere(1);
    insert_elsewhere(2);
    anchor->before_read();
    EXPECT_EQ(count_with(reader), 2);
}

TEST_F(ReadAnchorTest, StaysAwayAfterAnotherProcessWrites) {
    // Moved on every read, so that the write below is noticed on the next one.
    auto anchor = make_anchor({milliseconds(0), milliseconds(0), hours(1)});
    anchor->before_read();
    ASSERT_TRUE(anchor->held());
    insert_elsewhere(1);
    anchor->before_read();
    EXPECT_FALSE(anchor->held());
    anchor->before_read();
    EXPECT_FALSE(anchor->held()) << "set again within the backoff";
}

// A failed step, here on a file that is not a database, leaves the anchor unset instead of
// failing the read that triggered it.
TEST_F(ReadAnchorTest, FailedStepLeavesAnchorUnset) {
    const std::string not_database = (dir_.path() / "not-a-database").string();
    std::ofstream(not_database) << "this file is not an SQLite database, just some text";
    auto anchor = std::make_unique<read_anchor>(std::make_unique<connection>(not_database), eager);

    anchor->before_read();

    EXPECT_FALSE(anchor->held());
}

TEST_F(ReadAnchorTest, MovesWithoutBackoffWhenNothingChanged) {
    auto anchor = make_anchor({milliseconds(0), milliseconds(0), hours(1)});
    anchor->before_read();
    anchor->before_read();
    anchor->before_read();
    EXPECT_TRUE(anchor->held());
}

TEST_F(ReadAnchorTest, OwnWritesDoNotCountAsAnotherProcess) {
    auto anchor = make_anchor({milliseconds(0), milliseconds(0), hours(1)});
    anchor->before_read();
    anchor->writing_started();
    insert_elsewhere(1);
    anchor->writing_finished();
    anchor->before_read();
    EXPECT_TRUE(anchor->held());
}

// The pool drops its anchor before each write, so checkpoints keep copying the WAL into the
// database and writers keep starting the WAL over: its size stays near SQLite's automatic
// checkpoint threshold (1000 pages) instead of growing with every commit.
TEST_F(ReadAnchorTest, PoolWritesBetweenAnchoredReadsKeepWalBounded) {
    other_writer_->execute("CREATE TABLE payloads (n INTEGER PRIMARY KEY, data BLOB)", "create");
    connection_pool pool(path_, eager);
    const std::string payload(1024, 'x');
    bool anchored_between_writes = true;
    for (int n = 0; n < 4000; ++n) {
        pool.transact([&](connection& writer) {
            statement& insert =
                writer.cached("INSERT INTO payloads (n, data) VALUES (?1, ?2)", "insert_payload");
            statement_reset reset(insert);
            insert.bind_int64(1, n);
            insert.bind_blob(2, payload);
            insert.step();
        });
        pool.read([&](connection& reader) { return count_with(reader); });
        anchored_between_writes = anchored_between_writes && pool.anchored();
    }
    EXPECT_TRUE(anchored_between_writes);
    const auto wal_bytes = std::filesystem::file_size(path_ + "-wal");
    EXPECT_LT(wal_bytes, 8U * 1024 * 1024);
}

}  // namespace
}  // namespace lambdad::storage
