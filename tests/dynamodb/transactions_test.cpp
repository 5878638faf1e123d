#include "dynamodb/service_fixture.hpp"

namespace lambdad::dynamodb {
namespace {

class TransactionsTest : public ServiceTest {
protected:
    void SetUp() override { create_table("Accounts", false); }
};

TEST_F(TransactionsTest, CanceledTransactionWritesNothing) {
    ok("PutItem", R"({"TableName":"Accounts","Item":{"pk":{"S":"a"},"v":{"N":"1"}}})");
    const auto error = fail(
        "TransactWriteItems",
        R"({"TransactItems":[{"Put":{"TableName":"Accounts","Item":{"pk":{"S":"b"}}}},{"ConditionCheck":{"TableName":"Accounts","Key":{"pk":{"S":"a"}},"ConditionExpression":"v = :two","ExpressionAttributeValues":{":two":{"N":"2"}}}}]})");
    EXPECT_EQ(type(error), "com.amazonaws.dynamodb.v20120810#TransactionCanceledException");
    EXPECT_EQ(message(error),
              "Transaction cancelled, please refer cancellation reasons for specific reasons "
              "[None, ConditionalCheckFailed]");
    EXPECT_EQ(error.at("CancellationReasons").as_array().size(), 2u);
    EXPECT_FALSE(
        ok("GetItem", R"({"TableName":"Accounts","Key":{"pk":{"S":"b"}}})").contains("Item"));
}

TEST_F(TransactionsTest, CommittedTransactionWritesAll) {
    ok("TransactWriteItems",
       R"({"TransactItems":[{"Put":{"TableName":"Accounts","Item":{"pk":{"S":"a"}}}},{"Update":{"TableName":"Accounts","Key":{"pk":{"S":"b"}},"UpdateExpression":"SET v = :v","ExpressionAttributeValues":{":v":{"N":"5"}}}}]})");
    const auto result = ok(
        "TransactGetItems",
        R"({"TransactItems":[{"Get":{"TableName":"Accounts","Key":{"pk":{"S":"a"}}}},{"Get":{"TableName":"Accounts","Key":{"pk":{"S":"b"}}}},{"Get":{"TableName":"Accounts","Key":{"pk":{"S":"c"}}}}]})");
    const auto& responses = result.at("Responses").as_array();
    ASSERT_EQ(responses.size(), 3u);
    EXPECT_TRUE(responses[0].as_object().contains("Item"));
    EXPECT_EQ(responses[1].at("Item").at("v").at("N").as_string(), "5");
    EXPECT_TRUE(responses[2].as_object().empty());
}

TEST_F(TransactionsTest, DuplicateItemsRejected) {
    const auto error = fail(
        "TransactWriteItems",
        R"({"TransactItems":[{"Put":{"TableName":"Accounts","Item":{"pk":{"S":"a"}}}},{"Delete":{"TableName":"Accounts","Key":{"pk":{"S":"a"}}}}]})");
    EXPECT_EQ(message(error), "Transaction request cannot include multiple operations on one item");
}

TEST_F(TransactionsTest, OverHundredActionsRejected) {
    std::string actions;
    for (int i = 0; i < 101; ++i) {
        actions += (i == 0 ? "" : ",") +
                   std::string(R"({"Put":{"TableName":"Accounts","Item":{"pk":{"S":"k)") +
                   std::to_string(i) + "\"}}}}";
    }
    const auto error = fail("TransactWriteItems", R"({"TransactItems":[)" + actions + "]}");
    const std::string text = message(error);
    EXPECT_TRUE(
        text.starts_with("1 validation error detected: Value '[com.amazonaws.dynamodb."
                         "v20120810.TransactWriteItem@"))
        << text;
    EXPECT_TRUE(
        text.ends_with("]' at 'transactItems' failed to satisfy constraint: Member must "
                       "have length less than or equal to 100"))
        << text;
}

TEST_F(TransactionsTest, BatchWriteThenBatchGet) {
    ok("BatchWriteItem",
       R"({"RequestItems":{"Accounts":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}},{"PutRequest":{"Item":{"pk":{"S":"b"}}}}]}})");
    const auto result = ok(
        "BatchGetItem",
        R"({"RequestItems":{"Accounts":{"Keys":[{"pk":{"S":"a"}},{"pk":{"S":"b"}},{"pk":{"S":"c"}}]}}})");
    EXPECT_EQ(result.at("Responses").at("Accounts").as_array().size(), 2u);
    EXPECT_TRUE(result.at("UnprocessedKeys").as_object().empty());
}

TEST_F(TransactionsTest, BatchLimitsEnforced) {
    std::string keys;
    for (int i = 0; i < 101; ++i) {
        keys += (i == 0 ? "" : ",") + std::string(R"({"pk":{"S":"k)") + std::to_string(i) + "\"}}";
    }
    const auto error =
        fail("BatchGetItem", R"({"RequestItems":{"Accounts":{"Keys":[)" + keys + "]}}}");
    EXPECT_EQ(message(error), "Too many items requested for the BatchGetItem call");
    const auto duplicate = fail(
        "BatchWriteItem",
        R"({"RequestItems":{"Accounts":[{"PutRequest":{"Item":{"pk":{"S":"a"}}}},{"DeleteRequest":{"Key":{"pk":{"S":"a"}}}}]}})");
    EXPECT_EQ(message(duplicate), "Provided list of item keys contains duplicates");
}

TEST_F(TransactionsTest, BatchWriteOverTwentyFiveRejected) {
    std::string puts;
    for (int i = 0; i < 26; ++i) {
        puts += (i == 0 ? "" : ",") + std::string(R"({"PutRequest":{"Item":{"pk":{"S":"k)") +
                std::to_string(i) + "\"}}}}";
    }
    const auto error = fail("BatchWriteItem", R"({"RequestItems":{"Accounts":[)" + puts + "]}}");
    const std::string text = message(error);
    EXPECT_TRUE(
        text.starts_with("1 validation error detected: Value '{Accounts=[com.amazonaws."
                         "dynamodb.v20120810.WriteRequest@"))
        << text;
    EXPECT_TRUE(
        text.ends_with("]}' at 'requestItems' failed to satisfy constraint: Map value "
                       "must satisfy constraint: [Member must have length less than or "
                       "equal to 25, Member must have length greater than or equal to "
                       "1]"))
        << text;
}

}  // namespace
}  // namespace lambdad::dynamodb
