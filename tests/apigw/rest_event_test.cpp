#include "apigw/rest_event.hpp"

#include "apigw/request_target.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

namespace json = boost::json;
using lambdad::apigw::event_source;
using lambdad::apigw::route_table;

/// Builds the event of `request` against a table with GET /users/{userid} and ANY /{proxy+}.
class RestEventTest : public ::testing::Test {
protected:
    RestEventTest()
        : table_({{"GET", "/users/{userid}", "F"}, {"ANY", "/{proxy+}", "F"}, {"GET", "/", "F"}}) {
        api_.logical_id = "UsersApi";
        api_.api_id = "abc123defg";
        api_.stage = "Prod";
        request_.method = "GET";
        request_.target = "/Prod/users/7";
        request_.remote_address = "127.0.0.1";
    }

    json::object build() {
        auto target = lambdad::apigw::split_target(request_.target);
        std::string_view path = lambdad::apigw::strip_stage(target.path, api_.stage);
        auto match = table_.match(request_.method, path);
        EXPECT_TRUE(match.matched()) << path;
        // 2026-12-04T13:24:48.123Z
        auto time = std::chrono::system_clock::time_point(std::chrono::milliseconds(1796390688123));
        event_source source{request_, path,           target.query, match,
                            api_,     "request-id-1", "ext-id=",    time};
        std::string text = lambdad::apigw::build_rest_event(source);
        return json::parse(text).as_object();
    }

    route_table table_;
    lambdad::config::api_config api_;
    lambdad::http::request request_;
};

}  // namespace

TEST_F(RestEventTest, HasTopLevelFields) {
    auto event = build();
    EXPECT_EQ(event.at("resource"), "/users/{userid}");
    EXPECT_EQ(event.at("path"), "/users/7");
    EXPECT_EQ(event.at("httpMethod"), "GET");
    EXPECT_EQ(event.at("pathParameters"), (json::object{{"userid", "7"}}));
    EXPECT_TRUE(event.at("stageVariables").is_null());
    EXPECT_TRUE(event.at("body").is_null());
    EXPECT_EQ(event.at("isBase64Encoded"), false);
    EXPECT_EQ(event.size(), 12u);
}

TEST_F(RestEventTest, AcceptsPathWithoutStage) {
    request_.target = "/users/7";
    auto event = build();
    EXPECT_EQ(event.at("path"), "/users/7");
    EXPECT_EQ(event.at("requestContext").at("path"), "/Prod/users/7");
}

TEST_F(RestEventTest, StripsBareStageToRoot) {
    request_.target = "/Prod";
    auto event = build();
    EXPECT_EQ(event.at("path"), "/");
    EXPECT_EQ(event.at("resource"), "/");
    EXPECT_TRUE(event.at("pathParameters").is_null());
}

TEST_F(RestEventTest, KeepsPathEncodedWithTrailingSlash) {
    request_.target = "/Prod/users/a%2Fb/";
    auto event = build();
    EXPECT_EQ(event.at("path"), "/users/a%2Fb/");
    EXPECT_EQ(event.at("pathParameters"), (json::object{{"userid", "a%2Fb"}}));
    EXPECT_EQ(event.at("requestContext").at("path"), "/Prod/users/a%2Fb/");
}

TEST_F(RestEventTest, ProxyParameterHoldsRestOfPath) {
    request_.target = "/Prod/files/a/b.txt";
    auto event = build();
    EXPECT_EQ(event.at("resource"), "/{proxy+}");
    EXPECT_EQ(event.at("pathParameters"), (json::object{{"proxy", "files/a/b.txt"}}));
}

TEST_F(RestEventTest, HeadersAreNullWithoutHeaders) {
    auto event = build();
    EXPECT_TRUE(event.at("headers").is_null());
    EXPECT_TRUE(event.at("multiValueHeaders").is_null());
}

TEST_F(RestEventTest, RepeatedHeadersKeepEveryValue) {
    request_.headers = {
        {"Accept", "text/html"}, {"X-Trace", "one"}, {"x-trace", "two"}, {"X-Trace", "three"}};
    auto event = build();
    EXPECT_EQ(event.at("headers"), (json::object{{"Accept", "text/html"}, {"X-Trace", "three"}}));
    EXPECT_EQ(event.at("multiValueHeaders"),
              (json::object{{"Accept", json::array{"text/html"}},
                            {"X-Trace", json::array{"one", "two", "three"}}}));
}

TEST_F(RestEventTest, DropsContentLengthAndConnection) {
    request_.headers = {{"content-length", "5"}, {"Connection", "keep-alive"}, {"Host", "x"}};
    auto event = build();
    EXPECT_EQ(event.at("headers"), (json::object{{"Host", "x"}}));
    EXPECT_EQ(event.at("multiValueHeaders"), (json::object{{"Host", json::array{"x"}}}));
}

TEST_F(RestEventTest, OnlyDroppedHeadersGiveNull) {
    request_.headers = {{"Content-Length", "5"}};
    auto event = build();
    EXPECT_TRUE(event.at("headers").is_null());
    EXPECT_TRUE(event.at("multiValueHeaders").is_null());
}

TEST_F(RestEventTest, QueryIsNullWithoutQueryString) {
    auto event = build();
    EXPECT_TRUE(event.at("queryStringParameters").is_null());
    EXPECT_TRUE(event.at("multiValueQueryStringParameters").is_null());
    request_.target = "/Prod/users/7?";
    auto empty = build();
    EXPECT_TRUE(empty.at("queryStringParameters").is_null());
    EXPECT_TRUE(empty.at("multiValueQueryStringParameters").is_null());
}

TEST_F(RestEventTest, DecodesQueryParameters) {
    request_.target = "/Prod/users/7?name=J%C3%BCrgen+M&sort=asc&sort=desc&flag&a%2Bb=c%26d";
    auto event = build();
    EXPECT_EQ(event.at("queryStringParameters"),
              (json::object{
                  {"name", "J\xC3\xBCrgen M"}, {"sort", "desc"}, {"flag", ""}, {"a+b", "c&d"}}));
    EXPECT_EQ(event.at("multiValueQueryStringParameters"),
              (json::object{{"name", json::array{"J\xC3\xBCrgen M"}},
                            {"sort", json::array{"asc", "desc"}},
                            {"flag", json::array{""}},
                            {"a+b", json::array{"c&d"}}}));
    EXPECT_EQ(event.at("path"), "/users/7");
}

TEST_F(RestEventTest, KeepsMalformedEscapeAsSent) {
    request_.target = "/Prod/users/7?q=%zz";
    auto event = build();
    EXPECT_EQ(event.at("queryStringParameters"), (json::object{{"q", "%zz"}}));
}

TEST_F(RestEventTest, IncludesStageVariables) {
    api_.stage_variables = {{"table", "Users"}};
    auto event = build();
    EXPECT_EQ(event.at("stageVariables"), (json::object{{"table", "Users"}}));
}

TEST_F(RestEventTest, PassesBodyAsRawString) {
    request_.method = "PUT";
    request_.target = "/Prod/anything";
    request_.body = R"({"name":"Ann \"A\""})";
    auto event = build();
    EXPECT_EQ(event.at("body"), R"({"name":"Ann \"A\""})");
    EXPECT_EQ(event.at("httpMethod"), "PUT");
    EXPECT_EQ(event.at("isBase64Encoded"), false);
}

TEST_F(RestEventTest, FillsRequestContext) {
    request_.headers = {{"Host", "api.example.com:3000"}, {"User-Agent", "curl/8.0"}};
    auto context = build().at("requestContext").as_object();
    EXPECT_EQ(context.at("accountId"), "123456789012");
    EXPECT_EQ(context.at("apiId"), "abc123defg");
    EXPECT_EQ(context.at("domainName"), "api.example.com:3000");
    EXPECT_EQ(context.at("domainPrefix"), "api");
    EXPECT_EQ(context.at("extendedRequestId"), "ext-id=");
    EXPECT_EQ(context.at("httpMethod"), "GET");
    EXPECT_EQ(context.at("path"), "/Prod/users/7");
    EXPECT_EQ(context.at("protocol"), "HTTP/1.1");
    EXPECT_EQ(context.at("requestId"), "request-id-1");
    EXPECT_EQ(context.at("requestTime"), "04/Dec/2026:13:24:48 +0000");
    EXPECT_EQ(context.at("requestTimeEpoch"), 1796390688123);
    EXPECT_EQ(context.at("resourceId").as_string(), table_.routes()[0].resource_id.c_str());
    EXPECT_EQ(context.at("resourcePath"), "/users/{userid}");
    EXPECT_EQ(context.at("stage"), "Prod");
}

TEST_F(RestEventTest, DomainDefaultsToLocalhost) {
    auto context = build().at("requestContext").as_object();
    EXPECT_EQ(context.at("domainName"), "localhost");
    EXPECT_EQ(context.at("domainPrefix"), "localhost");
}

TEST_F(RestEventTest, IdentityHasSourceAndNulls) {
    request_.headers = {{"user-agent", "curl/8.0"}};
    auto identity = build().at("requestContext").at("identity").as_object();
    EXPECT_EQ(identity.at("sourceIp"), "127.0.0.1");
    EXPECT_EQ(identity.at("userAgent"), "curl/8.0");
    for (const char* name :
         {"accessKey", "accountId", "caller", "cognitoAuthenticationProvider",
          "cognitoAuthenticationType", "cognitoIdentityId", "cognitoIdentityPoolId",
          "principalOrgId", "user", "userArn", "apiKey", "apiKeyId", "clientCert"}) {
        ASSERT_TRUE(identity.contains(name)) << name;
        EXPECT_TRUE(identity.at(name).is_null()) << name;
    }
}

namespace {

/// Returns the keys of `object` in the order they appear in the text.
std::vector<std::string> keys_of(const json::object& object) {
    std::vector<std::string> keys;
    for (const auto& member : object) {
        keys.emplace_back(member.key());
    }
    return keys;
}

}  // namespace

TEST_F(RestEventTest, WritesKeysInEventOrder) {
    request_.headers = {{"X-B", "1"}, {"X-A", "2"}, {"x-b", "3"}};
    request_.target = "/Prod/users/7?z=1&a=2&z=3";
    auto event = build();
    using keys = std::vector<std::string>;
    EXPECT_EQ(keys_of(event),
              (keys{"resource", "path", "httpMethod", "headers", "multiValueHeaders",
                    "queryStringParameters", "multiValueQueryStringParameters", "pathParameters",
                    "stageVariables", "requestContext", "body", "isBase64Encoded"}));
    EXPECT_EQ(keys_of(event.at("headers").as_object()), (keys{"X-B", "X-A"}));
    EXPECT_EQ(keys_of(event.at("multiValueHeaders").as_object()), (keys{"X-B", "X-A"}));
    EXPECT_EQ(keys_of(event.at("queryStringParameters").as_object()), (keys{"z", "a"}));
    auto context = event.at("requestContext").as_object();
    EXPECT_EQ(keys_of(context),
              (keys{"accountId", "apiId", "domainName", "domainPrefix", "extendedRequestId",
                    "httpMethod", "identity", "path", "protocol", "requestId", "requestTime",
                    "requestTimeEpoch", "resourceId", "resourcePath", "stage"}));
    EXPECT_EQ(keys_of(context.at("identity").as_object()),
              (keys{"accessKey", "accountId", "apiKey", "apiKeyId", "caller",
                    "cognitoAuthenticationProvider", "cognitoAuthenticationType",
                    "cognitoIdentityId", "cognitoIdentityPoolId", "principalOrgId", "sourceIp",
                    "user", "userAgent", "userArn", "clientCert"}));
}

TEST_F(RestEventTest, UserAgentIsNullWhenAbsent) {
    auto identity = build().at("requestContext").at("identity").as_object();
    EXPECT_TRUE(identity.at("userAgent").is_null());
}

TEST(RequestTime, FormatsSingleDigitDay) {
    auto time = std::chrono::system_clock::time_point(std::chrono::seconds(1767225600));
    EXPECT_EQ(lambdad::apigw::format_request_time(time), "01/Jan/2026:00:00:00 +0000");
}

TEST(StripStage, RemovesOnlyWholeStageSegment) {
    using lambdad::apigw::strip_stage;
    EXPECT_EQ(strip_stage("/Prod/users", "Prod"), "/users");
    EXPECT_EQ(strip_stage("/users", "Prod"), "/users");
    EXPECT_EQ(strip_stage("/Prod", "Prod"), "/");
    EXPECT_EQ(strip_stage("/Prod/", "Prod"), "/");
    EXPECT_EQ(strip_stage("/Production/x", "Prod"), "/Production/x");
    EXPECT_EQ(strip_stage("/prod/x", "Prod"), "/prod/x");
}

TEST(SplitTarget, SeparatesQueryString) {
    auto target = lambdad::apigw::split_target("/a/b?x=1&y=2");
    EXPECT_EQ(target.path, "/a/b");
    EXPECT_EQ(target.query, "x=1&y=2");
    auto plain = lambdad::apigw::split_target("/a");
    EXPECT_EQ(plain.path, "/a");
    EXPECT_TRUE(plain.query.empty());
}
