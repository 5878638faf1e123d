#include "storage/connection_pool.hpp"
#include "storage/database.hpp"
#include "storage/key_encoding.hpp"
#include "storage/sqlite_table.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace lambdad::storage {
namespace {

using kind = attribute_value::kind;

const key_schema events_schema{{"stream", kind::S}, key_attribute{"seq", kind::N}};
const index_definition by_owner{
    "by_owner", {{"owner", kind::S}, key_attribute{"seq", kind::N}}, true};

item event(const std::string& stream, const std::string& seq, const std::string& owner) {
    item value{{"stream", attribute_value::string(stream)}, {"seq", attribute_value::number(seq)}};
    if (!owner.empty()) {
        value.emplace("owner", attribute_value::string(owner));
    }
    return value;
}

std::vector<std::string> sequence_numbers(const range_page& page) {
    std::vector<std::string> numbers;
    for (const auto& value : page.items) {
        numbers.push_back(value.at("seq").scalar());
    }
    return numbers;
}

class RangeReadTest : public ::testing::Test {
protected:
    void SetUp() override {
        table_ = database_.create_table({"Events", events_schema, {by_owner}, "", 0});
        for (const char* seq : {"-1", "2", "10", "3.5"}) {
            table_->put(event("a", seq, "ann"));
        }
        table_->put(event("b", "1", "bob"));
        table_->put(event("b", "2", ""));
    }

    database database_{database_options{"", true}};
    std::shared_ptr<sqlite_table> table_;
};

TEST_F(RangeReadTest, QueryBoundsInNumericOrder) {
    range_request request;
    request.hash = encode_key(attribute_value::string("a"));
    request.lower = key_bound{encode_key(attribute_value::number("2")), false};
    request.limit = 10;
    EXPECT_EQ(sequence_numbers(table_->read_range(request)),
              (std::vector<std::string>{"3.5", "10"}));
}

TEST_F(RangeReadTest, BackwardPagesResumeAfterPosition) {
    range_request request;
    request.hash = encode_key(attribute_value::string("a"));
    request.forward = false;
    request.limit = 2;
    const auto first = table_->read_range(request);
    EXPECT_EQ(sequence_numbers(first), (std::vector<std::string>{"10", "3.5"}));
    EXPECT_TRUE(first.stopped_early);
    request.after =
        std::vector<std::string>{request.hash.value(), encode_key(attribute_value::number("3.5"))};
    const auto second = table_->read_range(request);
    EXPECT_EQ(sequence_numbers(second), (std::vector<std::string>{"2", "-1"}));
}

TEST_F(RangeReadTest, IndexFollowsWritesAndSkipsSparseItems) {
    range_request request;
    request.index = by_owner;
    request.limit = 10;
    EXPECT_EQ(table_->read_range(request).items.size(), 5u);
    table_->erase(
        {{"stream", attribute_value::string("a")}, {"seq", attribute_value::number("2")}});
    table_->put(event("a", "10", "bob"));
    request.hash = encode_key(attribute_value::string("bob"));
    EXPECT_EQ(sequence_numbers(table_->read_range(request)), (std::vector<std::string>{"1", "10"}));
    EXPECT_EQ(table_->statistics(std::string("by_owner")).item_count, 4);
}

TEST_F(RangeReadTest, SegmentsPartitionHashKeys) {
    std::size_t total = 0;
    for (std::uint32_t segment = 0; segment < 2; ++segment) {
        range_request request;
        request.limit = 100;
        request.segment = segment;
        request.total_segments = 2;
        total += table_->read_range(request).items.size();
    }
    EXPECT_EQ(total, 6u);
}

TEST_F(RangeReadTest, NewIndexIsFilledAndDroppedIndexGone) {
    const index_definition by_seq{"by_seq", {{"seq", kind::N}, std::nullopt}, true};
    auto definition = *database_.describe_table("Events");
    definition.indexes = {by_seq};
    database_.update_table(definition);
    range_request request;
    request.index = by_seq;
    request.hash = encode_key(attribute_value::number("2"));
    request.limit = 10;
    EXPECT_EQ(table_->read_range(request).items.size(), 2u);
    EXPECT_EQ(database_.describe_table("Events")->indexes.size(), 1u);
}

TEST_F(RangeReadTest, CreateExistingTableIsInUse) {
    try {
        database_.create_table({"Events", events_schema, {}, "", 0});
        FAIL() << "expected ResourceInUseException";
    } catch (const table_error& error) {
        EXPECT_EQ(error.type(), "ResourceInUseException");
    }
}

TEST_F(RangeReadTest, DeletedTableRejectsCalls) {
    database_.delete_table("Events");
    EXPECT_FALSE(database_.describe_table("Events").has_value());
    EXPECT_THROW(table_->get({{"stream", attribute_value::string("a")},
                              {"seq", attribute_value::number("2")}}),
                 table_error);
}

TEST_F(RangeReadTest, ModuleHandleFollowsRecreatedTable) {
    // A module's handle, like an SDK client, names the table: after delete and create it
    // reaches the new table, and between the two it reports the table as missing.
    std::shared_ptr<table> handle = database_.open_table("Events");
    const item key{{"stream", attribute_value::string("a")}, {"seq", attribute_value::number("2")}};
    ASSERT_TRUE(handle->get(key).has_value());

    database_.delete_table("Events");
    try {
        handle->get(key);
        FAIL() << "expected ResourceNotFoundException";
    } catch (const table_error& error) {
        EXPECT_EQ(error.type(), "ResourceNotFoundException");
    }

    database_.create_table({"Events", events_schema, {}, "", 0});
    EXPECT_FALSE(handle->get(key).has_value());
    handle->put({{"stream", attribute_value::string("a")},
                 {"seq", attribute_value::number("2")},
                 {"body", attribute_value::string("new")}});
    std::optional<item> stored = handle->get(key);
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(stored->at("body"), attribute_value::string("new"));
    EXPECT_EQ(handle->schema().hash_key.name, "stream");
}

}  // namespace
}  // namespace lambdad::storage
