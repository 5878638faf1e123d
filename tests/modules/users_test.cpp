#include "modules/builtin_modules.hpp"
#include "modules/module_test_contexts.hpp"
#include "storage/database.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <stdexcept>
#include <string>

namespace lambdad::modules {
namespace {

struct response {
    int status = 0;
    boost::json::object headers;
    std::string body_text;
    boost::json::value body;
};

// Builds a REST API proxy event with the fields the Users service reads plus a few it ignores.
std::string event(std::string_view method, std::string_view resource,
                  std::optional<std::string> userid = std::nullopt,
                  std::optional<std::string> body = std::nullopt) {
    boost::json::object event;
    event["resource"] = resource;
    event["path"] = userid ? "/users/" + *userid : std::string("/users");
    event["httpMethod"] = method;
    event["headers"] = boost::json::object{{"Accept", "*/*"}};
    event["queryStringParameters"] = nullptr;
    if (userid) {
        event["pathParameters"] = boost::json::object{{"userid", *userid}};
    } else {
        event["pathParameters"] = nullptr;
    }
    event["requestContext"] = boost::json::object{{"stage", "Prod"}};
    if (body) {
        event["body"] = *body;
    } else {
        event["body"] = nullptr;
    }
    event["isBase64Encoded"] = false;
    return boost::json::serialize(event);
}

class UsersModuleTest : public ::testing::Test {
protected:
    UsersModuleTest() : database_(storage::database_options{".unused", true}) {
        database_.ensure_table("Users", key_schema{{"userid", attribute_value::kind::S}, {}});
        test::test_init_context init(database_, {{"USERS_TABLE", "Users"}});
        users_ = make_users_environment(init);
    }

    response call(const std::string& event_text) {
        std::string output = users_->invoke(event_text, context_);
        boost::json::object parsed = boost::json::parse(output).as_object();
        response result;
        result.status = static_cast<int>(parsed.at("statusCode").as_int64());
        result.headers = parsed.at("headers").as_object();
        result.body_text = std::string(parsed.at("body").as_string());
        result.body = boost::json::parse(result.body_text);
        return result;
    }

    storage::database database_;
    std::unique_ptr<environment> users_;
    test::test_invocation_context context_;
};

TEST_F(UsersModuleTest, CreatesUserWithGeneratedId) {
    response created = call(event("POST", "/users", std::nullopt, R"({"name":"Ana","age":30})"));

    ASSERT_EQ(created.status, 200);
    const auto& user = created.body.as_object();
    EXPECT_EQ(user.at("name").as_string(), "Ana");
    EXPECT_EQ(user.at("age").as_int64(), 30);
    std::string userid(user.at("userid").as_string());
    // A version 1 UUID has 1 as the first digit of its third group.
    EXPECT_TRUE(std::regex_match(
        userid, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}")))
        << userid;
    std::string timestamp(user.at("timestamp").as_string());
    EXPECT_TRUE(
        std::regex_match(timestamp, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?)")))
        << timestamp;

    response fetched = call(event("GET", "/users/{userid}", userid));
    EXPECT_EQ(fetched.status, 200);
    EXPECT_EQ(fetched.body, created.body);
}

TEST_F(UsersModuleTest, KeepsUseridFromBody) {
    response created = call(event("POST", "/users", std::nullopt, R"({"userid":"u-1"})"));

    EXPECT_EQ(created.body.at("userid").as_string(), "u-1");
    EXPECT_EQ(call(event("GET", "/users/{userid}", "u-1")).body, created.body);
}

TEST_F(UsersModuleTest, SetsResponseHeaders) {
    response listed = call(event("GET", "/users"));

    EXPECT_EQ(listed.headers.size(), 2u);
    EXPECT_EQ(listed.headers.at("Content-Type").as_string(), "application/json");
    EXPECT_EQ(listed.headers.at("Access-Control-Allow-Origin").as_string(), "*");
}

// 30 users of about 40 KB each exceed the 1 MB limit of one scan page, so listing them needs
// more than one page.
TEST_F(UsersModuleTest, ListsAllUsersAcrossPages) {
    EXPECT_EQ(call(event("GET", "/users")).body_text, "[]");
    std::set<std::string> ids;
    std::string padding(40'000, 'x');
    for (int i = 0; i < 30; ++i) {
        std::string id = "user-" + std::to_string(i);
        ids.insert(id);
        std::string body = R"({"userid":")" + id + R"(","padding":")" + padding + R"("})";
        ASSERT_EQ(call(event("POST", "/users", std::nullopt, body)).status, 200);
    }
    response listed = call(event("GET", "/users"));

    ASSERT_EQ(listed.status, 200);
    std::set<std::string> seen;
    for (const auto& user : listed.body.as_array()) {
        seen.insert(std::string(user.at("userid").as_string()));
    }
    EXPECT_EQ(seen, ids);
}

TEST_F(UsersModuleTest, ReturnsEmptyObjectForMissingUser) {
    response missing = call(event("GET", "/users/{userid}", "nobody"));

    EXPECT_EQ(missing.status, 200);
    EXPECT_EQ(missing.body_text, "{}");
}

TEST_F(UsersModuleTest, ReplacesWholeUserOnPut) {
    call(event("POST", "/users", std::nullopt, R"({"userid":"u-2","name":"Bo","city":"Oslo"})"));
    response replaced =
        call(event("PUT", "/users/{userid}", "u-2", R"({"userid":"other","name":"Bob"})"));

    ASSERT_EQ(replaced.status, 200);
    EXPECT_EQ(replaced.body.at("userid").as_string(), "u-2");
    EXPECT_EQ(replaced.body.at("name").as_string(), "Bob");
    EXPECT_FALSE(replaced.body.as_object().contains("city"));
    EXPECT_TRUE(replaced.body.as_object().contains("timestamp"));
    EXPECT_EQ(call(event("GET", "/users/{userid}", "u-2")).body, replaced.body);
    EXPECT_EQ(call(event("GET", "/users/{userid}", "other")).body_text, "{}");
}

TEST_F(UsersModuleTest, DeletesUserWhetherOrNotPresent) {
    call(event("POST", "/users", std::nullopt, R"({"userid":"u-3"})"));

    response deleted = call(event("DELETE", "/users/{userid}", "u-3"));
    EXPECT_EQ(deleted.status, 200);
    EXPECT_EQ(deleted.body_text, "{}");
    EXPECT_EQ(call(event("GET", "/users/{userid}", "u-3")).body_text, "{}");
    response again = call(event("DELETE", "/users/{userid}", "u-3"));
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(again.body_text, "{}");
}

TEST_F(UsersModuleTest, RejectsUnsupportedRoutes) {
    const std::pair<const char*, const char*> routes[] = {
        {"PATCH", "/users/{userid}"}, {"DELETE", "/users"}, {"GET", "/other"}, {"", ""}};
    for (const auto& [method, resource] : routes) {
        response rejected = call(event(method, resource, "u-1"));
        EXPECT_EQ(rejected.status, 400) << method << ' ' << resource;
        EXPECT_EQ(rejected.body, boost::json::parse(R"({"Message":"Unsupported route"})"));
    }
}

TEST_F(UsersModuleTest, RejectsBodiesThatAreNotObjects) {
    const std::optional<std::string> bodies[] = {std::nullopt, "[1,2]", "\"text\"", "{broken", ""};
    for (const auto& body : bodies) {
        response rejected = call(event("POST", "/users", std::nullopt, body));
        EXPECT_EQ(rejected.status, 400) << body.value_or("<null>");
        ASSERT_TRUE(rejected.body.is_object());
        EXPECT_TRUE(rejected.body.as_object().contains("Error:")) << rejected.body_text;
    }
    EXPECT_EQ(call(event("GET", "/users")).body_text, "[]");
}

TEST_F(UsersModuleTest, ReportsTableErrorsAsBadRequest) {
    response rejected = call(event("POST", "/users", std::nullopt, R"({"userid":42})"));

    EXPECT_EQ(rejected.status, 400);
    EXPECT_TRUE(rejected.body.as_object().contains("Error:")) << rejected.body_text;
}

TEST_F(UsersModuleTest, RejectsNumbersOverThirtyEightDigits) {
    response rejected = call(
        event("POST", "/users", std::nullopt, R"({"n":123456789012345678901234567890123456789})"));

    EXPECT_EQ(rejected.status, 400);
    EXPECT_TRUE(rejected.body.as_object().contains("Error:")) << rejected.body_text;
}

TEST_F(UsersModuleTest, StoresNumbersExactly) {
    std::string body = R"({"userid":"n-1","big":98765432109876543210987654321098765432,)"
                       R"("frac":0.1,"nested":{"list":[1.25,-3]}})";
    call(event("POST", "/users", std::nullopt, body));
    response fetched = call(event("GET", "/users/{userid}", "n-1"));

    EXPECT_NE(fetched.body_text.find(R"("big":98765432109876543210987654321098765432)"),
              std::string::npos)
        << fetched.body_text;
    EXPECT_NE(fetched.body_text.find(R"("frac":0.1)"), std::string::npos);
    EXPECT_NE(fetched.body_text.find(R"("nested":{"list":[1.25,-3]})"), std::string::npos);
}

TEST(UsersModule, InitFailsWithoutTableVariable) {
    storage::database database(storage::database_options{".unused", true});
    test::test_init_context init(database, {});

    EXPECT_THROW(make_users_environment(init), std::invalid_argument);
}

TEST(UsersModule, InitFailsForMissingTable) {
    storage::database database(storage::database_options{".unused", true});
    test::test_init_context init(database, {{"USERS_TABLE", "Nope"}});

    EXPECT_THROW(make_users_environment(init), table_error);
}

}  // namespace
}  // namespace lambdad::modules
