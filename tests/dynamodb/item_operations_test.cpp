#include "dynamodb/service_fixture.hpp"

namespace lambdad::dynamodb {
namespace {

class ItemOperationsTest : public ServiceTest {
protected:
    void SetUp() override { create_table("Items", false); }
};

TEST_F(ItemOperationsTest, PutThenGetNormalisesNumbers) {
    ok("PutItem", R"({"TableName":"Items","Item":{"pk":{"S":"a"},"n":{"N":"00042.50"}}})");
    const auto result = ok("GetItem", R"({"TableName":"Items","Key":{"pk":{"S":"a"}}})");
    EXPECT_EQ(boost::json::serialize(result.at("Item")), R"({"n":{"N":"42.5"},"pk":{"S":"a"}})");
}

TEST_F(ItemOperationsTest, GetMissingItemHasNoItem) {
    const auto result = ok("GetItem", R"({"TableName":"Items","Key":{"pk":{"S":"none"}}})");
    EXPECT_FALSE(result.contains("Item"));
}

TEST_F(ItemOperationsTest, PutReturnsOldItem) {
    ok("PutItem", R"({"TableName":"Items","Item":{"pk":{"S":"a"},"v":{"N":"1"}}})");
    const auto result = ok(
        "PutItem",
        R"({"TableName":"Items","Item":{"pk":{"S":"a"},"v":{"N":"2"}},"ReturnValues":"ALL_OLD"})");
    EXPECT_EQ(boost::json::serialize(result.at("Attributes")), R"({"pk":{"S":"a"},"v":{"N":"1"}})");
}

TEST_F(ItemOperationsTest, PutRejectsUpdatedReturnValues) {
    const auto error = fail(
        "PutItem", R"({"TableName":"Items","Item":{"pk":{"S":"a"}},"ReturnValues":"ALL_NEW"})");
    EXPECT_EQ(message(error), "ReturnValues can only be ALL_OLD or NONE");
}

TEST_F(ItemOperationsTest, PutMissingKeyMessage) {
    const auto error = fail("PutItem", R"({"TableName":"Items","Item":{"x":{"S":"a"}}})");
    EXPECT_EQ(message(error),
              "One or more parameter values were invalid: Missing the key pk in the item");
}

TEST_F(ItemOperationsTest, PutOnMissingTable) {
    const auto error = fail("PutItem", R"({"TableName":"Nope","Item":{"pk":{"S":"a"}}})");
    EXPECT_EQ(type(error), "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
    EXPECT_EQ(message(error), "Requested resource not found");
}

TEST_F(ItemOperationsTest, GetKeyMismatchMessage) {
    const auto error = fail("GetItem", R"({"TableName":"Items","Key":{"pk":{"N":"1"}}})");
    EXPECT_EQ(message(error), "The provided key element does not match the schema");
}

TEST_F(ItemOperationsTest, ConditionFailureReturnsOldItem) {
    ok("PutItem", R"({"TableName":"Items","Item":{"pk":{"S":"a"},"v":{"N":"1"}}})");
    const auto error = fail(
        "PutItem",
        R"j({"TableName":"Items","Item":{"pk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"})j");
    EXPECT_EQ(type(error), "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException");
    EXPECT_EQ(message(error), "The conditional request failed");
    EXPECT_EQ(boost::json::serialize(error.at("Item")), R"({"pk":{"S":"a"},"v":{"N":"1"}})");
}

TEST_F(ItemOperationsTest, DeleteWithConditionAndOldValue) {
    ok("PutItem", R"({"TableName":"Items","Item":{"pk":{"S":"a"},"v":{"N":"1"}}})");
    fail(
        "DeleteItem",
        R"({"TableName":"Items","Key":{"pk":{"S":"a"}},"ConditionExpression":"v = :two","ExpressionAttributeValues":{":two":{"N":"2"}}})");
    const auto result = ok(
        "DeleteItem",
        R"({"TableName":"Items","Key":{"pk":{"S":"a"}},"ConditionExpression":"v = :one","ExpressionAttributeValues":{":one":{"N":"1"}},"ReturnValues":"ALL_OLD"})");
    EXPECT_EQ(boost::json::serialize(result.at("Attributes")), R"({"pk":{"S":"a"},"v":{"N":"1"}})");
    EXPECT_FALSE(ok("GetItem", R"({"TableName":"Items","Key":{"pk":{"S":"a"}}})").contains("Item"));
}

TEST_F(ItemOperationsTest, UpdateCreatesItemAndReturnsNew) {
    const auto result = ok(
        "UpdateItem",
        R"({"TableName":"Items","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET c = if_not_exists(c, :zero) + :one","ExpressionAttributeValues":{":zero":{"N":"0"},":one":{"N":"1"}},"ReturnValues":"ALL_NEW"})");
    EXPECT_EQ(boost::json::serialize(result.at("Attributes")), R"({"c":{"N":"1"},"pk":{"S":"a"}})");
    const auto second = ok(
        "UpdateItem",
        R"({"TableName":"Items","Key":{"pk":{"S":"a"}},"UpdateExpression":"ADD c :one","ExpressionAttributeValues":{":one":{"N":"1"}},"ReturnValues":"UPDATED_OLD"})");
    EXPECT_EQ(boost::json::serialize(second.at("Attributes")), R"({"c":{"N":"1"}})");
}

TEST_F(ItemOperationsTest, UpdateRejectsKeyAttribute) {
    const auto error = fail(
        "UpdateItem",
        R"({"TableName":"Items","Key":{"pk":{"S":"a"}},"UpdateExpression":"SET pk = :v","ExpressionAttributeValues":{":v":{"S":"b"}}})");
    EXPECT_EQ(message(error),
              "One or more parameter values were invalid: Cannot update attribute pk. This "
              "attribute is part of the key");
}

TEST_F(ItemOperationsTest, UnusedValueIsRejected) {
    const auto error = fail(
        "PutItem",
        R"j({"TableName":"Items","Item":{"pk":{"S":"a"}},"ConditionExpression":"attribute_not_exists(pk)","ExpressionAttributeValues":{":unused":{"S":"x"}}})j");
    EXPECT_EQ(type(error), "com.amazon.coral.validate#ValidationException");
}

TEST_F(ItemOperationsTest, ValuesWithoutExpressionAreRejected) {
    const auto error = fail(
        "PutItem",
        R"({"TableName":"Items","Item":{"pk":{"S":"a"}},"ExpressionAttributeValues":{":v":{"S":"x"}}})");
    EXPECT_EQ(message(error),
              "ExpressionAttributeValues can only be specified when using expressions");
}

TEST_F(ItemOperationsTest, MixedLegacyAndExpressionRejected) {
    const auto error = fail(
        "GetItem",
        R"({"TableName":"Items","Key":{"pk":{"S":"a"}},"AttributesToGet":["pk"],"ProjectionExpression":"pk"})");
    EXPECT_EQ(message(error),
              "Can not use both expression and non-expression parameters in the same request: "
              "Non-expression parameters: {AttributesToGet} Expression parameters: "
              "{ProjectionExpression}");
}

TEST_F(ItemOperationsTest, ItemOverFourHundredKilobytesRejected) {
    const std::string big(400 * 1024, 'x');
    const auto error = fail(
        "PutItem", R"({"TableName":"Items","Item":{"pk":{"S":"a"},"v":{"S":")" + big + "\"}}}");
    EXPECT_EQ(message(error), "Item size has exceeded the maximum allowed size");
}

TEST_F(ItemOperationsTest, LongestAttributeNameAccepted) {
    const std::string name(65'535, 'n');
    ok("PutItem", R"({"TableName":"Items","Item":{"pk":{"S":"a"},")" + name + R"(":{"S":"x"}}})");
}

TEST_F(ItemOperationsTest, OversizedAttributeNameRejected) {
    const std::string name(65'536, 'n');
    const auto error = fail(
        "PutItem", R"({"TableName":"Items","Item":{"pk":{"S":"a"},")" + name + R"(":{"S":"x"}}})");
    EXPECT_EQ(message(error),
              "1 validation error detected: Attribute name is too large, must be less than 65536 "
              "bytes");
}

TEST_F(ItemOperationsTest, OversizedNestedNameRejected) {
    const std::string name(65'536, 'n');
    const auto error =
        fail("PutItem", R"({"TableName":"Items","Item":{"pk":{"S":"a"},"doc":{"L":[{"M":{")" +
                            name + R"(":{"S":"x"}}}]}}})");
    EXPECT_EQ(message(error),
              "1 validation error detected: Attribute name is too large, must be less than 65536 "
              "bytes");
}

// Builds {"L":[{"L":[ ... {"S":"x"} ... ]}]}, nested `depth` lists deep.
std::string nested_lists(int depth) {
    std::string text = R"({"S":"x"})";
    for (int i = 0; i < depth; ++i) {
        text = R"({"L":[)" + text + "]}";
    }
    return text;
}

TEST_F(ItemOperationsTest, UpdateBeyondNestingLimitRejected) {
    ok("PutItem", R"({"TableName":"Items","Item":{"pk":{"S":"a"},"v":)" + nested_lists(31) + "}}");
    std::string path = "v";
    for (int i = 0; i < 31; ++i) {
        path += "[0]";
    }
    const auto error = fail("UpdateItem", R"({"TableName":"Items","Key":{"pk":{"S":"a"}},)"
                                          R"("UpdateExpression":"SET )" +
                                              path +
                                              R"( = :deeper","ExpressionAttributeValues":)"
                                              R"({":deeper":)" +
                                              nested_lists(2) + "}}");
    EXPECT_EQ(message(error),
              "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
              "levels beyond supported limit");
    const auto stored = ok("GetItem", R"({"TableName":"Items","Key":{"pk":{"S":"a"}}})");
    EXPECT_TRUE(stored.contains("Item"));
}

TEST_F(ItemOperationsTest, ConsumedCapacityTotals) {
    const auto result =
        ok("PutItem",
           R"({"TableName":"Items","Item":{"pk":{"S":"a"}},"ReturnConsumedCapacity":"TOTAL"})");
    const auto& capacity = result.at("ConsumedCapacity").as_object();
    EXPECT_EQ(capacity.at("TableName").as_string(), "Items");
    EXPECT_EQ(capacity.at("CapacityUnits").as_double(), 1.0);
    const auto read =
        ok("GetItem",
           R"({"TableName":"Items","Key":{"pk":{"S":"a"}},"ReturnConsumedCapacity":"TOTAL"})");
    EXPECT_EQ(read.at("ConsumedCapacity").at("CapacityUnits").as_double(), 0.5);
}

}  // namespace
}  // namespace lambdad::dynamodb
