#include "dynamodb/service_fixture.hpp"

namespace lambdad::dynamodb {
namespace {

class QueryScanTest : public ServiceTest {
protected:
    void SetUp() override {
        create_table("Events", true);
        for (const char* sk : {"-5", "1", "2", "10", "1E2"}) {
            put("a", sk);
        }
        put("b", "7");
    }

    void put(const std::string& pk, const std::string& sk) {
        ok("PutItem", R"({"TableName":"Events","Item":{"pk":{"S":")" + pk + R"("},"sk":{"N":")" +
                          sk + R"("},"tag":{"S":"t)" + sk + R"("}}})");
    }

    static std::vector<std::string> sort_keys(const boost::json::object& result) {
        std::vector<std::string> keys;
        for (const auto& entry : result.at("Items").as_array()) {
            keys.emplace_back(entry.at("sk").at("N").as_string());
        }
        return keys;
    }
};

TEST_F(QueryScanTest, QueryOrdersByNumericValue) {
    const auto result = ok(
        "Query",
        R"({"TableName":"Events","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"a"}}})");
    EXPECT_EQ(sort_keys(result), (std::vector<std::string>{"-5", "1", "2", "10", "100"}));
    EXPECT_EQ(result.at("Count").as_int64(), 5);
    EXPECT_FALSE(result.contains("LastEvaluatedKey"));
}

TEST_F(QueryScanTest, QueryRangeAndBackward) {
    const auto result = ok(
        "Query",
        R"({"TableName":"Events","KeyConditionExpression":"pk = :p AND sk BETWEEN :lo AND :hi","ExpressionAttributeValues":{":p":{"S":"a"},":lo":{"N":"1"},":hi":{"N":"10"}},"ScanIndexForward":false})");
    EXPECT_EQ(sort_keys(result), (std::vector<std::string>{"10", "2", "1"}));
}

TEST_F(QueryScanTest, QueryPagesWithLimit) {
    const std::string base =
        R"({"TableName":"Events","KeyConditionExpression":"pk = :p","ExpressionAttributeValues":{":p":{"S":"a"}},"Limit":2)";
    const auto first = ok("Query", base + "}");
    EXPECT_EQ(sort_keys(first), (std::vector<std::string>{"-5", "1"}));
    const auto start = boost::json::serialize(first.at("LastEvaluatedKey"));
    EXPECT_EQ(start, R"({"pk":{"S":"a"},"sk":{"N":"1"}})");
    const auto second = ok("Query", base + R"(,"ExclusiveStartKey":)" + start + "}");
    EXPECT_EQ(sort_keys(second), (std::vector<std::string>{"2", "10"}));
}

TEST_F(QueryScanTest, FilterCountsScanned) {
    const auto result = ok(
        "Query",
        R"({"TableName":"Events","KeyConditionExpression":"pk = :p","FilterExpression":"sk > :five","ExpressionAttributeValues":{":p":{"S":"a"},":five":{"N":"5"}}})");
    EXPECT_EQ(result.at("Count").as_int64(), 2);
    EXPECT_EQ(result.at("ScannedCount").as_int64(), 5);
}

TEST_F(QueryScanTest, SelectCountHasNoItems) {
    const auto result = ok(
        "Query",
        R"({"TableName":"Events","KeyConditionExpression":"pk = :p","Select":"COUNT","ExpressionAttributeValues":{":p":{"S":"a"}}})");
    EXPECT_FALSE(result.contains("Items"));
    EXPECT_EQ(result.at("Count").as_int64(), 5);
}

TEST_F(QueryScanTest, QueryWithoutKeyCondition) {
    const auto error = fail("Query", R"({"TableName":"Events"})");
    EXPECT_EQ(message(error),
              "Either the KeyConditions or KeyConditionExpression parameter must be specified "
              "in the request.");
}

TEST_F(QueryScanTest, ScanSegmentsCoverTable) {
    std::size_t total = 0;
    for (int segment = 0; segment < 3; ++segment) {
        const auto result = ok("Scan", R"({"TableName":"Events","TotalSegments":3,"Segment":)" +
                                           std::to_string(segment) + "}");
        total += result.at("Items").as_array().size();
    }
    EXPECT_EQ(total, 6u);
}

TEST_F(QueryScanTest, ScanSegmentBeyondTotal) {
    const auto error = fail("Scan", R"({"TableName":"Events","TotalSegments":2,"Segment":2})");
    EXPECT_EQ(message(error),
              "The Segment parameter is zero-based and must be less than parameter "
              "TotalSegments: Segment: 2 is not less than TotalSegments: 2");
}

TEST_F(QueryScanTest, ScanLimitZeroRejected) {
    const auto error = fail("Scan", R"({"TableName":"Events","Limit":0})");
    EXPECT_EQ(message(error),
              "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
              "Member must have value greater than or equal to 1");
}

TEST_F(QueryScanTest, GlobalIndexQueryAndProjection) {
    ok("UpdateTable",
       R"({"TableName":"Events","AttributeDefinitions":[{"AttributeName":"tag","AttributeType":"S"}],"GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"by_tag","KeySchema":[{"AttributeName":"tag","KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}}]})");
    const auto result = ok(
        "Query",
        R"({"TableName":"Events","IndexName":"by_tag","KeyConditionExpression":"tag = :t","ExpressionAttributeValues":{":t":{"S":"t7"}}})");
    ASSERT_EQ(result.at("Items").as_array().size(), 1u);
    EXPECT_EQ(boost::json::serialize(result.at("Items").at(0)),
              R"({"pk":{"S":"b"},"sk":{"N":"7"},"tag":{"S":"t7"}})");
    put("c", "8");
    ok("PutItem",
       R"({"TableName":"Events","Item":{"pk":{"S":"c"},"sk":{"N":"8"},"tag":{"S":"t7"},"x":{"S":"y"}}})");
    const auto after = ok(
        "Query",
        R"({"TableName":"Events","IndexName":"by_tag","KeyConditionExpression":"tag = :t","ExpressionAttributeValues":{":t":{"S":"t7"}}})");
    EXPECT_EQ(after.at("Count").as_int64(), 2);
    const auto consistent = fail(
        "Query",
        R"({"TableName":"Events","IndexName":"by_tag","ConsistentRead":true,"KeyConditionExpression":"tag = :t","ExpressionAttributeValues":{":t":{"S":"t7"}}})");
    EXPECT_EQ(message(consistent),
              "Consistent reads are not supported on global secondary indexes");
}

TEST_F(QueryScanTest, IndexKeyTypeMismatchRejected) {
    ok("UpdateTable",
       R"({"TableName":"Events","AttributeDefinitions":[{"AttributeName":"tag","AttributeType":"S"}],"GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"by_tag","KeySchema":[{"AttributeName":"tag","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]})");
    const auto error =
        fail("PutItem",
             R"({"TableName":"Events","Item":{"pk":{"S":"z"},"sk":{"N":"1"},"tag":{"N":"3"}}})");
    EXPECT_EQ(message(error),
              "One or more parameter values were invalid: Type mismatch for Index Key tag "
              "Expected: S Actual: N IndexName: by_tag");
}

TEST_F(QueryScanTest, GlobalIndexPagesWithTableKeys) {
    ok("UpdateTable",
       R"({"TableName":"Events","AttributeDefinitions":[{"AttributeName":"kind","AttributeType":"S"}],"GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"by_kind","KeySchema":[{"AttributeName":"kind","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"}}}]})");
    for (const char* pk : {"x", "y", "z"}) {
        ok("PutItem", std::string(R"({"TableName":"Events","Item":{"pk":{"S":")") + pk +
                          R"("},"sk":{"N":"1"},"kind":{"S":"same"}}})");
    }
    const std::string base =
        R"({"TableName":"Events","IndexName":"by_kind","KeyConditionExpression":"kind = :k","ExpressionAttributeValues":{":k":{"S":"same"}},"Limit":2)";
    const auto first = ok("Query", base + "}");
    ASSERT_EQ(first.at("Items").as_array().size(), 2u);
    const auto start = boost::json::serialize(first.at("LastEvaluatedKey"));
    EXPECT_EQ(start, R"({"kind":{"S":"same"},"pk":{"S":"y"},"sk":{"N":"1"}})");
    const auto second = ok("Query", base + R"(,"ExclusiveStartKey":)" + start + "}");
    ASSERT_EQ(second.at("Items").as_array().size(), 1u);
    EXPECT_EQ(second.at("Items").at(0).at("pk").at("S").as_string(), "z");
    EXPECT_FALSE(second.contains("LastEvaluatedKey"));
}

}  // namespace
}  // namespace lambdad::dynamodb
