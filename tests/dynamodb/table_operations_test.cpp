#include "dynamodb/service_fixture.hpp"

namespace lambdad::dynamodb {
namespace {

TEST_F(ServiceTest, CreateDescribeListDelete) {
    const auto created = ok(
        "CreateTable",
        R"({"TableName":"Music","AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"}],"KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"}],"ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}})");
    const auto& description = created.at("TableDescription").as_object();
    EXPECT_EQ(description.at("TableStatus").as_string(), "ACTIVE");
    EXPECT_EQ(description.at("TableArn").as_string(),
              "arn:aws:dynamodb:us-east-1:123456789012:table/Music");
    EXPECT_EQ(description.at("ProvisionedThroughput").at("ReadCapacityUnits").as_int64(), 5);

    const auto listed = ok("ListTables", "{}");
    EXPECT_EQ(boost::json::serialize(listed.at("TableNames")), R"(["Music"])");

    const auto again = fail(
        "CreateTable",
        R"({"TableName":"Music","AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"}],"KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"})");
    EXPECT_EQ(type(again), "com.amazonaws.dynamodb.v20120810#ResourceInUseException");
    EXPECT_EQ(message(again), "Table already exists: Music");

    ok("DeleteTable", R"({"TableName":"Music"})");
    const auto gone = fail("DeleteTable", R"({"TableName":"Music"})");
    EXPECT_EQ(message(gone), "Requested resource not found: Table: Music not found");
}

TEST_F(ServiceTest, ListTablesPaginates) {
    for (const char* name : {"aaa", "bbb", "ccc"}) {
        create_table(name, false);
    }
    const auto first = ok("ListTables", R"({"Limit":2})");
    EXPECT_EQ(boost::json::serialize(first.at("TableNames")), R"(["aaa","bbb"])");
    EXPECT_EQ(first.at("LastEvaluatedTableName").as_string(), "bbb");
    const auto second = ok("ListTables", R"({"Limit":2,"ExclusiveStartTableName":"bbb"})");
    EXPECT_EQ(boost::json::serialize(second.at("TableNames")), R"(["ccc"])");
    EXPECT_FALSE(second.contains("LastEvaluatedTableName"));
}

TEST_F(ServiceTest, CreateTableProvisionedNeedsThroughput) {
    const auto error = fail(
        "CreateTable",
        R"({"TableName":"Music","AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"}],"KeySchema":[{"AttributeName":"Artist","KeyType":"HASH"}]})");
    EXPECT_EQ(message(error),
              "One or more parameter values were invalid: ReadCapacityUnits and "
              "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
}

TEST_F(ServiceTest, CreateTableUndefinedKeyAttribute) {
    const auto error = fail(
        "CreateTable",
        R"({"TableName":"Music","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[{"AttributeName":"Artist","AttributeType":"S"}],"KeySchema":[{"AttributeName":"Song","KeyType":"HASH"}]})");
    EXPECT_EQ(message(error),
              "One or more parameter values were invalid: Some index key attributes are not "
              "defined in AttributeDefinitions. Keys: [Song], AttributeDefinitions: [Artist]");
}

TEST_F(ServiceTest, TagsRoundTrip) {
    create_table("Tagged", false);
    const std::string arn = "arn:aws:dynamodb:us-east-1:123456789012:table/Tagged";
    ok("TagResource",
       R"({"ResourceArn":")" + arn +
           R"(","Tags":[{"Key":"team","Value":"core"},{"Key":"env","Value":"dev"}]})");
    ok("UntagResource", R"({"ResourceArn":")" + arn + R"(","TagKeys":["env"]})");
    const auto tags = ok("ListTagsOfResource", R"({"ResourceArn":")" + arn + R"("})");
    EXPECT_EQ(boost::json::serialize(tags.at("Tags")), R"([{"Key":"team","Value":"core"}])");
}

TEST_F(ServiceTest, TimeToLiveDescribedAfterUpdate) {
    create_table("Ttl", false);
    EXPECT_EQ(ok("DescribeTimeToLive", R"({"TableName":"Ttl"})")
                  .at("TimeToLiveDescription")
                  .at("TimeToLiveStatus")
                  .as_string(),
              "DISABLED");
    ok("UpdateTimeToLive",
       R"({"TableName":"Ttl","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}})");
    const auto described = ok("DescribeTimeToLive", R"({"TableName":"Ttl"})");
    EXPECT_EQ(boost::json::serialize(described.at("TimeToLiveDescription")),
              R"({"TimeToLiveStatus":"ENABLED","AttributeName":"exp"})");
    const auto again = fail(
        "UpdateTimeToLive",
        R"({"TableName":"Ttl","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}})");
    EXPECT_EQ(message(again), "TimeToLive is already enabled");
}

TEST_F(ServiceTest, DescribeLimitsAndEndpoints) {
    EXPECT_EQ(ok("DescribeLimits", "{}").at("TableMaxReadCapacityUnits").as_int64(), 40000);
    EXPECT_EQ(ok("DescribeEndpoints", "{}").at("Endpoints").as_array().size(), 1u);
}

}  // namespace
}  // namespace lambdad::dynamodb
