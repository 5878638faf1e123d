// The in-process table API and the DynamoDB API on the same table: the same condition, update
// or query gives the same items and the same errors through both.

#include "dynamodb/service_fixture.hpp"
#include "storage/item_json.hpp"

#include <cstdint>
#include <functional>
#include <string>

namespace lambdad::dynamodb {
namespace {

// Runs `call`, which must throw table_error, and returns the error's "type: message".
std::string table_error_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const table_error& error) {
        return error.type() + ": " + error.what();
    }
    return "no error";
}

// Items "sdk" (changed through the DynamoDB API) and "native" (changed through the table API),
// both created with the same attributes.
class TableApiParityTest : public ServiceTest {
protected:
    void SetUp() override {
        create_table("Items", true);
        for (const std::string pk : {"sdk", "native"}) {
            ok("PutItem",
               R"({"TableName":"Items","Item":{"pk":{"S":")" + pk +
                   R"("},"sk":{"N":"1"},"count":{"N":"41.50"},)"
                   R"("tags":{"SS":["a","b"]},"doc":{"M":{"nums":{"L":[{"N":"1"}]}}}}})");
        }
        table_ = database_.open_table("Items");
    }

    // The stored item with hash key `pk`, as DynamoDB JSON in attribute name order, without
    // the hash key.
    std::string stored_without_key(const std::string& pk) {
        const auto result = ok("GetItem", R"({"TableName":"Items","Key":{"pk":{"S":")" + pk +
                                              R"("},"sk":{"N":"1"}}})");
        return without_hash_key(
            storage::item_from_dynamodb_json(boost::json::serialize(result.at("Item"))));
    }

    static std::string without_hash_key(item value) {
        value.erase("pk");
        return storage::to_dynamodb_json(value);
    }

    static item native_key() {
        return {{"pk", attribute_value::string("native")}, {"sk", attribute_value::number("1")}};
    }

    std::shared_ptr<table> table_;
};

TEST_F(TableApiParityTest, UpdateGivesSameItem) {
    const std::string update =
        "SET #c = #c + :inc, doc.nums[1] = :inc, added = if_not_exists(added, :inc) "
        "ADD tags :more";
    const std::string condition = "attribute_exists(pk) AND size(tags) = :two";
    ok("UpdateItem", R"({"TableName":"Items","Key":{"pk":{"S":"sdk"},"sk":{"N":"1"}},)"
                     R"("UpdateExpression":")" +
                         update + R"(","ConditionExpression":")" + condition +
                         R"(","ExpressionAttributeNames":{"#c":"count"},)"
                         R"("ExpressionAttributeValues":{":inc":{"N":"0.5"},":two":{"N":"2"},)"
                         R"(":more":{"SS":["c"]}}})");
    const item returned = table_->update(native_key(), update,
                                         {condition,
                                          {{"#c", "count"}},
                                          {{":inc", attribute_value::number("0.5")},
                                           {":two", attribute_value::number("2")},
                                           {":more", attribute_value::string_set({"c"})}}});

    EXPECT_EQ(stored_without_key("native"), stored_without_key("sdk"));
    EXPECT_EQ(stored_without_key("native"),
              R"({"added":{"N":"0.5"},"count":{"N":"42"},)"
              R"("doc":{"M":{"nums":{"L":[{"N":"1"},{"N":"0.5"}]}}},"sk":{"N":"1"},)"
              R"("tags":{"SS":["a","b","c"]}})");
    EXPECT_EQ(without_hash_key(returned), stored_without_key("sdk"));
}

TEST_F(TableApiParityTest, FailedConditionGivesSameError) {
    const auto error = fail("PutItem", R"json({"TableName":"Items","Item":{"pk":{"S":"sdk"},
        "sk":{"N":"1"}},"ConditionExpression":"attribute_not_exists(pk)"})json");
    const std::string native = table_error_of([&] {
        table_->put(native_key(), {"attribute_not_exists(pk)", {}, {}});
    });
    EXPECT_EQ(type(error), "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException");
    EXPECT_EQ("ConditionalCheckFailedException: " + message(error), native);
    EXPECT_EQ(stored_without_key("native"), stored_without_key("sdk"));
}

TEST_F(TableApiParityTest, InvalidUpdateGivesSameError) {
    const auto error =
        fail("UpdateItem", R"({"TableName":"Items","Key":{"pk":{"S":"sdk"},"sk":{"N":"1"}},)"
                           R"("UpdateExpression":"SET a = :v REMOVE a",)"
                           R"("ExpressionAttributeValues":{":v":{"S":"x"}}})");
    const std::string native = table_error_of([&] {
        table_->update(native_key(), "SET a = :v REMOVE a",
                       {"", {}, {{":v", attribute_value::string("x")}}});
    });
    EXPECT_EQ(type(error), "com.amazon.coral.validate#ValidationException");
    EXPECT_EQ("ValidationException: " + message(error), native);
}

TEST_F(TableApiParityTest, DeleteConditionGivesSameOutcome) {
    const std::string condition = "contains(tags, :b) AND #c BETWEEN :low AND :high";
    ok("DeleteItem", R"({"TableName":"Items","Key":{"pk":{"S":"sdk"},"sk":{"N":"1"}},)"
                     R"("ConditionExpression":")" +
                         condition +
                         R"(","ExpressionAttributeNames":{"#c":"count"},)"
                         R"("ExpressionAttributeValues":{":b":{"S":"b"},":low":{"N":"41.5"},)"
                         R"(":high":{"N":"1E2"}}})");
    const auto deleted = table_->erase(native_key(), {condition,
                                                      {{"#c", "count"}},
                                                      {{":b", attribute_value::string("b")},
                                                       {":low", attribute_value::number("41.5")},
                                                       {":high", attribute_value::number("1E2")}}});
    EXPECT_TRUE(deleted.has_value());
    const auto sdk =
        ok("GetItem", R"({"TableName":"Items","Key":{"pk":{"S":"sdk"},"sk":{"N":"1"}}})");
    EXPECT_FALSE(sdk.contains("Item"));
    EXPECT_FALSE(table_->get(native_key()).has_value());
}

TEST_F(TableApiParityTest, QueryGivesSameItems) {
    for (const char* sk : {"2", "3", "4"}) {
        ok("PutItem", R"({"TableName":"Items","Item":{"pk":{"S":"sdk"},"sk":{"N":")" +
                          std::string(sk) + R"("},"odd":{"BOOL":)" +
                          (std::string(sk) == "3" ? "true" : "false") + "}}}");
    }
    const auto response =
        ok("Query", R"({"TableName":"Items","KeyConditionExpression":"pk = :p AND sk >= :two",)"
                    R"("FilterExpression":"odd = :no","Limit":2,"ScanIndexForward":false,)"
                    R"("ExpressionAttributeValues":{":p":{"S":"sdk"},":two":{"N":"2"},)"
                    R"(":no":{"BOOL":false}}})");

    query_request request;
    request.key_condition_expression = "pk = :p AND sk >= :two";
    request.filter_expression = "odd = :no";
    request.expression_attribute_values = {{":p", attribute_value::string("sdk")},
                                           {":two", attribute_value::number("2")},
                                           {":no", attribute_value::boolean(false)}};
    request.limit = 2;
    request.scan_index_forward = false;
    const auto page = table_->query(request);

    boost::json::array native_items;
    for (const auto& value : page.items) {
        native_items.push_back(storage::to_json_object(value));
    }
    EXPECT_EQ(boost::json::serialize(native_items), boost::json::serialize(response.at("Items")));
    EXPECT_EQ(static_cast<std::int64_t>(page.scanned_count),
              response.at("ScannedCount").as_int64());
    ASSERT_TRUE(page.last_evaluated_key.has_value());
    EXPECT_EQ(boost::json::serialize(storage::to_json_object(*page.last_evaluated_key)),
              boost::json::serialize(response.at("LastEvaluatedKey")));
}

}  // namespace
}  // namespace lambdad::dynamodb
