#include "storage/table_expressions.hpp"

#include "storage/database.hpp"
#include "storage/item_json.hpp"
#include "storage/temporary_directory.hpp"
#include "storage/value_printer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace lambdad::storage {
namespace {

using kind = attribute_value::kind;

const key_schema counters_schema{{"id", kind::S}, std::nullopt};
const key_schema events_schema{{"stream", kind::S}, key_attribute{"seq", kind::N}};
const index_definition by_owner{
    "by_owner", {{"owner", kind::S}, key_attribute{"seq", kind::N}}, true};

item counter(const std::string& id, const std::string& count) {
    return {{"id", attribute_value::string(id)}, {"count", attribute_value::number(count)}};
}

item counter_key(const std::string& id) {
    return {{"id", attribute_value::string(id)}};
}

item event(const std::string& stream, const std::string& seq, const std::string& owner) {
    return {{"stream", attribute_value::string(stream)},
            {"seq", attribute_value::number(seq)},
            {"owner", attribute_value::string(owner)}};
}

std::string json(const item& value) {
    return to_dynamodb_json(value);
}

std::vector<std::string> sequence_numbers(const query_page& page) {
    std::vector<std::string> numbers;
    for (const auto& value : page.items) {
        numbers.push_back(value.at("seq").scalar());
    }
    return numbers;
}

// Runs `call`, which must throw table_error, and returns the error's "type: message".
std::string table_error_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const table_error& error) {
        return error.type() + ": " + error.what();
    }
    return "no error";
}

const std::string condition_failed =
    "ConditionalCheckFailedException: The conditional request failed";

// Tables in a SQLite file in a temporary directory: Counters (hash key only) and Events
// (hash and range key, with a global index on owner and seq).
class TableExpressionsTest : public ::testing::Test {
protected:
    void SetUp() override {
        database_ =
            std::make_unique<database>(database_options{(dir_.path() / "data").string(), false});
        counters_ = database_->ensure_table("Counters", counters_schema);
        events_ = database_->create_table({"Events", events_schema, {by_owner}, "", 0});
        for (const char* seq : {"1", "2", "3", "10", "20"}) {
            events_->put(event("s", seq, std::string(seq).size() == 1 ? "ann" : "bob"));
        }
        events_->put(event("t", "1", "ann"));
    }

    void TearDown() override {
        events_.reset();
        counters_.reset();
        database_.reset();
    }

    temporary_directory dir_{"lambdad-table"};
    std::unique_ptr<database> database_;
    std::shared_ptr<table> counters_;
    std::shared_ptr<table> events_;
};

TEST_F(TableExpressionsTest, ConditionalPutStoresOnlyOnce) {
    const write_options only_new{"attribute_not_exists(id)", {}, {}};
    EXPECT_FALSE(counters_->put(counter("a", "1"), only_new).has_value());
    EXPECT_EQ(table_error_of([&] { counters_->put(counter("a", "2"), only_new); }),
              condition_failed);
    EXPECT_EQ(json(*counters_->get(counter_key("a"))), json(counter("a", "1")));
}

TEST_F(TableExpressionsTest, PutReturnsReplacedItem) {
    counters_->put(counter("a", "1"));
    const write_options when_one{
        "#c = :one", {{"#c", "count"}}, {{":one", attribute_value::number("1")}}};
    const auto replaced = counters_->put(counter("a", "2"), when_one);
    ASSERT_TRUE(replaced.has_value());
    EXPECT_EQ(json(*replaced), json(counter("a", "1")));
    EXPECT_EQ(json(*counters_->get(counter_key("a"))), json(counter("a", "2")));
}

TEST_F(TableExpressionsTest, ConditionalEraseKeepsItemOnFailure) {
    counters_->put(counter("a", "5"));
    const write_options when_zero{
        "#c = :zero", {{"#c", "count"}}, {{":zero", attribute_value::number("0")}}};
    EXPECT_EQ(table_error_of([&] { counters_->erase(counter_key("a"), when_zero); }),
              condition_failed);
    EXPECT_TRUE(counters_->get(counter_key("a")).has_value());

    const write_options when_five{
        "#c = :five", {{"#c", "count"}}, {{":five", attribute_value::number("5.0")}}};
    const auto erased = counters_->erase(counter_key("a"), when_five);
    ASSERT_TRUE(erased.has_value());
    EXPECT_EQ(json(*erased), json(counter("a", "5")));
    EXPECT_FALSE(counters_->get(counter_key("a")).has_value());
}

TEST_F(TableExpressionsTest, EraseMissingItemChecksCondition) {
    EXPECT_FALSE(counters_->erase(counter_key("none"), {"attribute_not_exists(id)", {}, {}}));
    EXPECT_EQ(table_error_of([&] {
                  counters_->erase(counter_key("none"), {"attribute_exists(id)", {}, {}});
              }),
              condition_failed);
}

TEST_F(TableExpressionsTest, UpdateCreatesItemAndReturnsNewItem) {
    const write_options options{"",
                                {{"#c", "count"}},
                                {{":one", attribute_value::number("1")},
                                 {":tags", attribute_value::list({attribute_value::string("x")})}}};
    const item after = counters_->update(
        counter_key("a"), "SET #c = if_not_exists(#c, :one), tags = :tags ADD hits :one", options);
    EXPECT_EQ(json(after),
              R"({"count":{"N":"1"},"hits":{"N":"1"},"id":{"S":"a"},"tags":{"L":[{"S":"x"}]}})");

    const item again = counters_->update(
        counter_key("a"), "SET #c = #c + :one, tags = list_append(tags, :tags) REMOVE hits",
        options);
    EXPECT_EQ(json(again),
              R"({"count":{"N":"2"},"id":{"S":"a"},"tags":{"L":[{"S":"x"},{"S":"x"}]}})");
    EXPECT_EQ(json(*counters_->get(counter_key("a"))), json(again));
}

TEST_F(TableExpressionsTest, UpdateWithDesignatedOptions) {
    for (int visit = 1; visit <= 2; ++visit) {
        const item after = counters_->update(
            counter_key("home"), "ADD visits :one",
            {.expression_attribute_values = {{":one", attribute_value::number("1")}}});
        EXPECT_EQ(after.at("visits").scalar(), std::to_string(visit));
    }
}

TEST_F(TableExpressionsTest, UpdateConditionFailureChangesNothing) {
    counters_->put(counter("a", "3"));
    const write_options below_three{
        "#c < :three",
        {{"#c", "count"}},
        {{":three", attribute_value::number("3")}, {":one", attribute_value::number("1")}}};
    EXPECT_EQ(table_error_of(
                  [&] { counters_->update(counter_key("a"), "SET #c = #c + :one", below_three); }),
              condition_failed);
    EXPECT_EQ(json(*counters_->get(counter_key("a"))), json(counter("a", "3")));
}

TEST_F(TableExpressionsTest, UpdateRejectsKeyAttribute) {
    EXPECT_EQ(table_error_of([&] {
                  counters_->update(counter_key("a"), "SET id = :v",
                                    {"", {}, {{":v", attribute_value::string("b")}}});
              }),
              "ValidationException: One or more parameter values were invalid: Cannot update "
              "attribute id. This attribute is part of the key");
}

TEST_F(TableExpressionsTest, UpdateOperandTypeErrorIsValidation) {
    counters_->put(counter("a", "3"));
    const std::string error = table_error_of([&] {
        counters_->update(counter_key("a"), "SET #c = #c + :s",
                          {"", {{"#c", "count"}}, {{":s", attribute_value::string("x")}}});
    });
    EXPECT_EQ(error.rfind("ValidationException: ", 0), 0u) << error;
    EXPECT_EQ(json(*counters_->get(counter_key("a"))), json(counter("a", "3")));
}

TEST_F(TableExpressionsTest, InvalidExpressionsAreValidationErrors) {
    EXPECT_EQ(table_error_of([&] {
                  counters_->put(counter("a", "1"),
                                 {"count = :v", {}, {{":v", attribute_value::number("1")}}});
              }),
              "ValidationException: Invalid ConditionExpression: Attribute name is a reserved "
              "keyword; reserved keyword: count");
    EXPECT_EQ(table_error_of([&] {
                  counters_->put(
                      counter("a", "1"),
                      {"attribute_exists(id)", {}, {{":v", attribute_value::number("1")}}});
              }),
              "ValidationException: Value provided in ExpressionAttributeValues unused in "
              "expressions: keys: {:v}");
    EXPECT_EQ(table_error_of([&] {
                  counters_->put(counter("a", "1"), {"", {{"#n", "id"}}, {}});
              }),
              "ValidationException: ExpressionAttributeNames can only be specified when using "
              "expressions");
    EXPECT_FALSE(counters_->get(counter_key("a")).has_value());
}

TEST_F(TableExpressionsTest, QueryByHashKeyValue) {
    query_request request;
    request.hash_key = attribute_value::string("s");
    const auto page = events_->query(request);
    EXPECT_EQ(sequence_numbers(page), (std::vector<std::string>{"1", "2", "3", "10", "20"}));
    EXPECT_EQ(page.scanned_count, 5u);
    EXPECT_FALSE(page.last_evaluated_key.has_value());
}

TEST_F(TableExpressionsTest, QueryKeyConditionAndFilter) {
    query_request request;
    request.key_condition_expression = "#st = :s AND seq BETWEEN :low AND :high";
    request.filter_expression = "#o = :owner";
    request.expression_attribute_names = {{"#st", "stream"}, {"#o", "owner"}};
    request.expression_attribute_values = {{":s", attribute_value::string("s")},
                                           {":low", attribute_value::number("2")},
                                           {":high", attribute_value::number("10")},
                                           {":owner", attribute_value::string("ann")}};
    request.scan_index_forward = false;
    const auto page = events_->query(request);
    EXPECT_EQ(sequence_numbers(page), (std::vector<std::string>{"3", "2"}));
    EXPECT_EQ(page.scanned_count, 3u);
}

TEST_F(TableExpressionsTest, QueryPagesWithLimit) {
    query_request request;
    request.hash_key = attribute_value::string("s");
    request.limit = 2;
    std::vector<std::string> all;
    int pages = 0;
    do {
        const auto page = events_->query(request);
        const auto numbers = sequence_numbers(page);
        all.insert(all.end(), numbers.begin(), numbers.end());
        request.exclusive_start_key = page.last_evaluated_key;
        ++pages;
    } while (request.exclusive_start_key && pages < 10);
    EXPECT_EQ(all, (std::vector<std::string>{"1", "2", "3", "10", "20"}));
    EXPECT_EQ(pages, 3);
}

TEST_F(TableExpressionsTest, QueryIndexReturnsIndexKeysInLastKey) {
    query_request request;
    request.index_name = "by_owner";
    request.key_condition_expression = "#o = :owner AND seq > :one";
    request.expression_attribute_names = {{"#o", "owner"}};
    request.expression_attribute_values = {{":owner", attribute_value::string("ann")},
                                           {":one", attribute_value::number("1")}};
    request.limit = 1;
    const auto first = events_->query(request);
    EXPECT_EQ(sequence_numbers(first), (std::vector<std::string>{"2"}));
    ASSERT_TRUE(first.last_evaluated_key.has_value());
    EXPECT_EQ(json(*first.last_evaluated_key),
              R"({"owner":{"S":"ann"},"seq":{"N":"2"},"stream":{"S":"s"}})");

    request.exclusive_start_key = first.last_evaluated_key;
    request.limit.reset();
    EXPECT_EQ(sequence_numbers(events_->query(request)), (std::vector<std::string>{"3"}));
}

TEST_F(TableExpressionsTest, QueryRejectsInvalidRequests) {
    query_request neither;
    EXPECT_EQ(table_error_of([&] { events_->query(neither); }),
              "ValidationException: Either the KeyConditions or KeyConditionExpression parameter "
              "must be specified in the request.");

    query_request unknown_index;
    unknown_index.hash_key = attribute_value::string("ann");
    unknown_index.index_name = "nope";
    EXPECT_EQ(table_error_of([&] { events_->query(unknown_index); }),
              "ValidationException: The table does not have the specified index: nope");

    query_request wrong_type;
    wrong_type.hash_key = attribute_value::number("1");
    EXPECT_EQ(table_error_of([&] { events_->query(wrong_type); }).rfind("ValidationException: ", 0),
              0u);

    query_request zero_limit;
    zero_limit.hash_key = attribute_value::string("s");
    zero_limit.limit = 0;
    EXPECT_EQ(table_error_of([&] { events_->query(zero_limit); }),
              "ValidationException: 1 validation error detected: Value '0' at 'limit' failed to "
              "satisfy constraint: Member must have value greater than or equal to 1");

    query_request not_key;
    not_key.key_condition_expression = "#st = :s AND #o = :o";
    not_key.expression_attribute_names = {{"#st", "stream"}, {"#o", "owner"}};
    not_key.expression_attribute_values = {{":s", attribute_value::string("s")},
                                           {":o", attribute_value::string("ann")}};
    EXPECT_EQ(table_error_of([&] { events_->query(not_key); }),
              "ValidationException: Query condition missed key schema element: seq");
}

TEST_F(TableExpressionsTest, ConditionalWritesSurviveReopen) {
    counters_->update(
        counter_key("a"), "SET #c = :one",
        {"attribute_not_exists(id)", {{"#c", "count"}}, {{":one", attribute_value::number("1")}}});
    counters_.reset();
    events_.reset();
    database_.reset();
    database_ =
        std::make_unique<database>(database_options{(dir_.path() / "data").string(), false});
    const auto reopened = database_->open_table("Counters");
    EXPECT_EQ(json(*reopened->get(counter_key("a"))), json(counter("a", "1")));
}

}  // namespace
}  // namespace lambdad::storage
