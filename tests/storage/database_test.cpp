#include "storage/database.hpp"

#include "storage/connection_pool.hpp"
#include "storage/temporary_directory.hpp"
#include "storage/value_printer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

namespace lambdad::storage {
namespace {

using kind = attribute_value::kind;

const key_schema users_schema{{"userid", kind::S}, std::nullopt};
const key_schema events_schema{{"stream", kind::S}, key_attribute{"seq", kind::N}};

class DatabaseTest : public ::testing::Test {
protected:
    database_options options() const { return {(dir_.path() / "data").string(), false}; }

    temporary_directory dir_{"lambdad-storage"};
};

item user(const std::string& id, const std::string& name) {
    return {{"userid", attribute_value::string(id)}, {"name", attribute_value::string(name)}};
}

item user_key(const std::string& id) {
    return {{"userid", attribute_value::string(id)}};
}

item event(const std::string& stream, const std::string& seq) {
    return {{"stream", attribute_value::string(stream)},
            {"seq", attribute_value::number(seq)},
            {"body", attribute_value::string("event " + seq)}};
}

std::string error_message(const std::function<void()>& call) {
    try {
        call();
    } catch (const table_error& error) {
        EXPECT_EQ(error.type(), "ValidationException");
        return error.what();
    }
    return "";
}

TEST_F(DatabaseTest, PutGetEraseItem) {
    database db(options());
    EXPECT_EQ(db.journal_mode(), "wal");
    EXPECT_TRUE(std::filesystem::exists(dir_.path() / "data" / "lambdad.sqlite3"));
    auto users = db.ensure_table("Users", users_schema);

    EXPECT_EQ(users->get(user_key("u1")), std::nullopt);
    users->put(user("u1", "Ada"));
    EXPECT_EQ(users->get(user_key("u1")), user("u1", "Ada"));
    users->put(user("u1", "Grace"));
    EXPECT_EQ(users->get(user_key("u1")), user("u1", "Grace"));
    EXPECT_TRUE(users->erase(user_key("u1")));
    EXPECT_FALSE(users->erase(user_key("u1")));
    EXPECT_EQ(users->get(user_key("u1")), std::nullopt);
}

// A DeleteTable on another thread can drop the SQLite table between a caller's lookup of the
// table and its statement. The caller gets DynamoDB's error for a missing table.
TEST_F(DatabaseTest, DroppedTableGivesResourceNotFound) {
    database db(options());
    auto users = db.ensure_table("Users", users_schema);
    db.pool().write(
        [](connection& writer) { writer.execute("DROP TABLE \"items_Users\"", "drop_items"); });

    try {
        users->get(user_key("u1"));
        FAIL() << "get on a dropped table returned";
    } catch (const table_error& error) {
        EXPECT_EQ(error.type(), "ResourceNotFoundException");
        EXPECT_STREQ(error.what(), "Requested resource not found");
    }
}

TEST_F(DatabaseTest, ItemsPersistAfterReopen) {
    {
        database db(options());
        auto events = db.ensure_table("Events", events_schema);
        events->put(event("s", "1.50"));
        db.ensure_table("Users", users_schema)->put(user("u1", "Ada"));
    }
    database db(options());
    EXPECT_EQ(db.table_names(), (std::vector<std::string>{"Events", "Users"}));
    auto events = db.open_table("Events");
    EXPECT_EQ(events->schema().range_key->name, "seq");
    EXPECT_EQ(events->schema().range_key->type, kind::N);
    const item key{{"stream", attribute_value::string("s")},
                   {"seq", attribute_value::number("1.5")}};
    EXPECT_EQ(events->get(key), event("s", "1.50"));
    EXPECT_EQ(db.open_table("Users")->get(user_key("u1")), user("u1", "Ada"));
}

TEST_F(DatabaseTest, EnsureTableChecksSchema) {
    database db(options());
    auto first = db.ensure_table("Users", users_schema);
    EXPECT_EQ(db.ensure_table("Users", users_schema), first);
    // open_table returns a handle that names the table, so it is a new object each time.
    EXPECT_EQ(db.open_table("Users")->name(), "Users");
    EXPECT_EQ(db.open_table("Users")->schema().hash_key.name, "userid");
    EXPECT_THROW(db.ensure_table("Users", events_schema), table_error);
    EXPECT_THROW(db.ensure_table("x", users_schema), table_error);
    EXPECT_THROW(db.ensure_table("bad name", users_schema), table_error);
    try {
        db.open_table("Missing");
        FAIL() << "open_table returned a missing table";
    } catch (const table_error& error) {
        EXPECT_EQ(error.type(), "ResourceNotFoundException");
    }
}

TEST_F(DatabaseTest, ScanPagesInKeyOrder) {
    database db(options());
    auto events = db.ensure_table("Events", events_schema);
    const char* seqs[] = {"10", "-2", "3.5", "0", "100", "-10.25", "7"};
    for (const char* seq : seqs) {
        events->put(event("s", seq));
    }
    events->put(event("a", "1"));

    std::vector<std::string> order;
    std::optional<item> start;
    int pages = 0;
    do {
        const scan_page page = events->scan(start, 3);
        ++pages;
        for (const auto& found : page.items) {
            order.push_back(found.at("stream").scalar() + ":" + found.at("seq").scalar());
        }
        start = page.last_evaluated_key;
        if (start) {
            EXPECT_EQ(start->size(), 2u);
            EXPECT_EQ(*start, (item{{"stream", page.items.back().at("stream")},
                                    {"seq", page.items.back().at("seq")}}));
        }
    } while (start);
    EXPECT_EQ(order, (std::vector<std::string>{"a:1", "s:-10.25", "s:-2", "s:0", "s:3.5", "s:7",
                                               "s:10", "s:100"}));
    // 8 items in pages of 3: 3, 3, 2, and the last page ends the table.
    EXPECT_EQ(pages, 3);
}

TEST_F(DatabaseTest, ScanFullPageReturnsKey) {
    database db(options());
    auto users = db.ensure_table("Users", users_schema);
    users->put(user("u1", "Ada"));
    users->put(user("u2", "Grace"));
    const scan_page full = users->scan(std::nullopt, 2);
    EXPECT_EQ(full.items.size(), 2u);
    ASSERT_TRUE(full.last_evaluated_key);
    EXPECT_EQ(*full.last_evaluated_key, user_key("u2"));
    const scan_page rest = users->scan(full.last_evaluated_key, 2);
    EXPECT_TRUE(rest.items.empty());
    EXPECT_FALSE(rest.last_evaluated_key);
    EXPECT_THROW(users->scan(std::nullopt, 0), table_error);
    EXPECT_THROW(users->scan(item{{"other", attribute_value::string("x")}}, 1), table_error);
}

TEST_F(DatabaseTest, ScanStopsAtOneMegabyte) {
    database db(options());
    auto users = db.ensure_table("Users", users_schema);
    const std::string large(300 * 1024, 'x');
    for (int i = 0; i < 5; ++i) {
        users->put(user("u" + std::to_string(i), large));
    }
    const scan_page first = users->scan(std::nullopt, 100);
    EXPECT_EQ(first.items.size(), 4u);
    ASSERT_TRUE(first.last_evaluated_key);
    const scan_page second = users->scan(first.last_evaluated_key, 100);
    EXPECT_EQ(second.items.size(), 1u);
    EXPECT_FALSE(second.last_evaluated_key);
}

TEST_F(DatabaseTest, PutValidatesKeyAndSize) {
    database db(options());
    auto events = db.ensure_table("Events", events_schema);
    EXPECT_EQ(error_message([&] {
                  events->put({{"stream", attribute_value::string("s")}});
              }),
              "One or more parameter values were invalid: Missing the key seq in the item");
    EXPECT_EQ(error_message([&] {
                  events->put({{"stream", attribute_value::string("s")},
                               {"seq", attribute_value::string("1")}});
              }),
              "One or more parameter values were invalid: Type mismatch for key seq expected: N "
              "actual: S");
    EXPECT_EQ(error_message([&] {
                  events->put({{"stream", attribute_value::string("")},
                               {"seq", attribute_value::number("1")}});
              }),
              "One or more parameter values are not valid. The AttributeValue for a key "
              "attribute cannot contain an empty string value. Key: stream");
    item big = event("s", "1");
    big["body"] = attribute_value::string(std::string(400 * 1024, 'x'));
    EXPECT_EQ(error_message([&] { events->put(big); }),
              "Item size has exceeded the maximum allowed size");
    big["body"] = attribute_value::string(std::string(400 * 1024 - 100, 'x'));
    EXPECT_NO_THROW(events->put(big));
}

TEST_F(DatabaseTest, LookupKeysMatchSchemaExactly) {
    database db(options());
    auto events = db.ensure_table("Events", events_schema);
    const std::string mismatch = "The provided key element does not match the schema";
    const item stream_only{{"stream", attribute_value::string("s")}};
    EXPECT_EQ(error_message([&] { events->get(stream_only); }), mismatch);
    EXPECT_EQ(error_message([&] { events->get(event("s", "1")); }), mismatch);
    EXPECT_EQ(error_message([&] {
                  events->erase({{"stream", attribute_value::string("s")},
                                 {"seq", attribute_value::string("1")}});
              }),
              mismatch);
    EXPECT_EQ(error_message([&] {
                  events->get({{"stream", attribute_value::string("")},
                               {"seq", attribute_value::number("1")}});
              }),
              "One or more parameter values were invalid: The AttributeValue for a key attribute "
              "cannot contain an empty string value. Key: stream");
}

TEST_F(DatabaseTest, ConcurrentReadersAndWriter) {
    database db(options());
    auto users = db.ensure_table("Users", users_schema);
    users->put(user("fixed", "Ada"));
    std::vector<std::thread> threads;
    std::atomic<int> failures{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < 200; ++i) {
                if (t == 0) {
                    users->put(user("w" + std::to_string(i), "x"));
                } else if (users->get(user_key("fixed")) != user("fixed", "Ada")) {
                    ++failures;
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(users->scan(std::nullopt, 1000).items.size(), 201u);
}

TEST(Database, InMemoryKeepsNothingOnDisk) {
    database db({"unused", true});
    EXPECT_EQ(db.journal_mode(), "memory");
    EXPECT_EQ(db.path(), ":memory:");
    auto users = db.ensure_table("Users", users_schema);
    users->put(user("u1", "Ada"));
    EXPECT_EQ(users->get(user_key("u1")), user("u1", "Ada"));
    EXPECT_EQ(users->scan(std::nullopt, 10).items.size(), 1u);
}

}  // namespace
}  // namespace lambdad::storage
