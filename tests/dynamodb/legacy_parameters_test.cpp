#include "dynamodb/service_fixture.hpp"

namespace lambdad::dynamodb {
namespace {

class LegacyParametersTest : public ServiceTest {
protected:
    void SetUp() override {
        create_table("Legacy", true);
        for (const char* sk : {"1", "2", "3"}) {
            ok("PutItem",
               std::string(R"({"TableName":"Legacy","Item":{"pk":{"S":"a"},"sk":{"N":")") + sk +
                   R"("},"color":{"S":"red"}}})");
        }
    }
};

TEST_F(LegacyParametersTest, QueryKeyConditionsAndFilter) {
    const auto result = ok(
        "Query",
        R"({"TableName":"Legacy","KeyConditions":{"pk":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"a"}]},"sk":{"ComparisonOperator":"GE","AttributeValueList":[{"N":"2"}]}},"QueryFilter":{"sk":{"ComparisonOperator":"NE","AttributeValueList":[{"N":"3"}]}}})");
    EXPECT_EQ(result.at("Count").as_int64(), 1);
    EXPECT_EQ(result.at("ScannedCount").as_int64(), 2);
}

TEST_F(LegacyParametersTest, ScanFilterAndAttributesToGet) {
    const auto result = ok(
        "Scan",
        R"({"TableName":"Legacy","ScanFilter":{"sk":{"ComparisonOperator":"LT","AttributeValueList":[{"N":"3"}]}},"AttributesToGet":["sk"]})");
    EXPECT_EQ(result.at("Count").as_int64(), 2);
    EXPECT_EQ(boost::json::serialize(result.at("Items").at(0)), R"({"sk":{"N":"1"}})");
}

TEST_F(LegacyParametersTest, ExpectedGuardsPut) {
    const auto error = fail(
        "PutItem",
        R"({"TableName":"Legacy","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"Expected":{"color":{"Value":{"S":"blue"}}}})");
    EXPECT_EQ(type(error), "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException");
    ok("PutItem",
       R"({"TableName":"Legacy","Item":{"pk":{"S":"a"},"sk":{"N":"1"}},"Expected":{"color":{"Exists":true,"Value":{"S":"red"}}}})");
}

TEST_F(LegacyParametersTest, AttributeUpdatesAddAndPut) {
    const auto result = ok(
        "UpdateItem",
        R"({"TableName":"Legacy","Key":{"pk":{"S":"a"},"sk":{"N":"2"}},"AttributeUpdates":{"hits":{"Action":"ADD","Value":{"N":"5"}},"color":{"Action":"PUT","Value":{"S":"green"}}},"ReturnValues":"ALL_NEW"})");
    EXPECT_EQ(boost::json::serialize(result.at("Attributes")),
              R"({"color":{"S":"green"},"hits":{"N":"5"},"pk":{"S":"a"},"sk":{"N":"2"}})");
}

}  // namespace
}  // namespace lambdad::dynamodb
