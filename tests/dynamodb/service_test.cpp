#include "dynamodb/service.hpp"

#include "dynamodb/service_fixture.hpp"

#include <boost/crc.hpp>

namespace lambdad::dynamodb {
namespace {

std::string header(const http::response& response, const std::string& name) {
    for (const auto& field : response.headers) {
        if (field.name == name) {
            return field.value;
        }
    }
    return "";
}

TEST_F(ServiceTest, ResponseCarriesCrcAndRequestId) {
    const auto response = call("ListTables", "{}");
    EXPECT_EQ(response.status, 200u);
    boost::crc_32_type crc;
    crc.process_bytes(response.body.data(), response.body.size());
    EXPECT_EQ(header(response, "x-amz-crc32"), std::to_string(crc.checksum()));
    EXPECT_EQ(header(response, "x-amzn-RequestId"), "test-request");
    EXPECT_EQ(header(response, "Content-Type"), "application/x-amz-json-1.0");
}

TEST_F(ServiceTest, UnknownOperationHasServiceNamespace) {
    const auto error = fail("CreateBackupPlan", "{}");
    EXPECT_EQ(type(error), "com.amazon.coral.service#UnknownOperationException");
    EXPECT_FALSE(error.contains("message"));
}

TEST_F(ServiceTest, TargetWithoutPrefixIsUnknown) {
    const auto response = service_.call("PutItem", "{}", "id");
    EXPECT_EQ(response.status, 400u);
    EXPECT_NE(response.body.find("UnknownOperationException"), std::string::npos);
}

TEST_F(ServiceTest, InvalidJsonIsSerializationError) {
    const auto error = fail("ListTables", "{not json");
    EXPECT_EQ(type(error), "com.amazon.coral.service#SerializationException");
}

TEST_F(ServiceTest, WrongMemberTypeIsSerializationError) {
    const auto error = fail("DescribeTable", R"({"TableName":5})");
    EXPECT_EQ(type(error), "com.amazon.coral.service#SerializationException");
    EXPECT_EQ(message(error), "NUMBER_VALUE cannot be converted to String");
}

TEST_F(ServiceTest, MissingTableNameIsValidationError) {
    const auto error = fail("DescribeTable", "{}");
    EXPECT_EQ(type(error), "com.amazon.coral.validate#ValidationException");
    EXPECT_EQ(message(error),
              "1 validation error detected: Value null at 'tableName' failed to satisfy "
              "constraint: Member must not be null");
}

TEST_F(ServiceTest, EmptyTableNameMessage) {
    const auto error = fail("DescribeTable", R"({"TableName":""})");
    EXPECT_NE(message(error).find("Value '' at 'tableName' failed to satisfy constraint: Member "
                                  "must have length greater than or equal to 1"),
              std::string::npos);
}

TEST_F(ServiceTest, MissingTableHasDynamoNamespace) {
    const auto error = fail("DescribeTable", R"({"TableName":"Nope"})");
    EXPECT_EQ(type(error), "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException");
    EXPECT_EQ(message(error), "Requested resource not found: Table: Nope not found");
}

TEST_F(ServiceTest, ExpireItemsDeletesPastTtl) {
    create_table("Sessions", false);
    ok("UpdateTimeToLive",
       R"({"TableName":"Sessions","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}})");
    ok("PutItem", R"({"TableName":"Sessions","Item":{"pk":{"S":"old"},"exp":{"N":"1000"}}})");
    ok("PutItem", R"({"TableName":"Sessions","Item":{"pk":{"S":"new"},"exp":{"N":"3000"}}})");
    ok("PutItem", R"({"TableName":"Sessions","Item":{"pk":{"S":"none"}}})");
    EXPECT_EQ(service_.expire_items(2000), 1u);
    const auto scan = ok("Scan", R"({"TableName":"Sessions"})");
    EXPECT_EQ(scan.at("Count").as_int64(), 2);
}

TEST_F(ServiceTest, TtlValueFiveYearsOldIsKept) {
    create_table("Sessions", false);
    ok("UpdateTimeToLive",
       R"({"TableName":"Sessions","TimeToLiveSpecification":{"Enabled":true,"AttributeName":"exp"}})");
    ok("PutItem", R"({"TableName":"Sessions","Item":{"pk":{"S":"ms"},"exp":{"N":"1"}}})");
    EXPECT_EQ(service_.expire_items(1e9), 0u);
}

}  // namespace
}  // namespace lambdad::dynamodb
