#include "lambda_api/function_name.hpp"

#include <gtest/gtest.h>

namespace lambdad::lambda_api {
namespace {

TEST(FunctionReference, ParsesEveryNameForm) {
    struct expectation {
        const char* text;
        const char* name;
        const char* qualifier;
    };
    const expectation cases[] = {
        {"my-function", "my-function", nullptr},
        {"my-function:live", "my-function", "live"},
        {"my-function:$LATEST", "my-function", "$LATEST"},
        {"123456789012:function:my-function", "my-function", nullptr},
        {"123456789012:function:my-function:7", "my-function", "7"},
        {"arn:aws:lambda:us-east-1:123456789012:function:my_function", "my_function", nullptr},
        {"arn:aws:lambda:us-east-1:123456789012:function:my_function:live", "my_function", "live"},
    };
    for (const auto& expected : cases) {
        auto reference = parse_function_reference(expected.text);
        ASSERT_TRUE(reference.has_value()) << expected.text;
        EXPECT_EQ(reference->name, expected.name) << expected.text;
        if (expected.qualifier == nullptr) {
            EXPECT_FALSE(reference->qualifier.has_value()) << expected.text;
        } else {
            EXPECT_EQ(reference->qualifier, expected.qualifier) << expected.text;
        }
    }
}

TEST(FunctionReference, RejectsMalformedNames) {
    for (const char* text :
         {"", "bad name", "a:b:c", "123456789012:layer:x",
          "arn:aws:s3:us-east-1:123456789012:function:x", "x:bad qualifier", "a:b:c:d:e"}) {
        EXPECT_FALSE(parse_function_reference(text).has_value()) << text;
    }
    EXPECT_FALSE(parse_function_reference(std::string(65, 'a')).has_value());
    EXPECT_TRUE(parse_function_reference(std::string(64, 'a')).has_value());
}

TEST(FunctionReference, ForeignArnNamesNoLocalFunction) {
    auto other_region =
        parse_function_reference("arn:aws:lambda:eu-west-1:123456789012:function:f");
    auto other_account = parse_function_reference("210987654321:function:f");

    ASSERT_TRUE(other_region.has_value());
    EXPECT_EQ(other_region->name, "f");
    EXPECT_EQ(other_region->foreign_arn, "arn:aws:lambda:eu-west-1:123456789012:function:f");
    ASSERT_TRUE(other_account.has_value());
    EXPECT_EQ(other_account->foreign_arn, "arn:aws:lambda:us-east-1:210987654321:function:f");
}

TEST(FunctionReference, LocalArnIsNotForeign) {
    auto local = parse_function_reference("arn:aws:lambda:us-east-1:123456789012:function:f");
    ASSERT_TRUE(local.has_value());
    EXPECT_FALSE(local->foreign_arn.has_value());
}

}  // namespace
}  // namespace lambdad::lambda_api
