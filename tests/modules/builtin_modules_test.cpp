#include "modules/builtin_modules.hpp"

#include "lambda/module_registry.hpp"
#include "modules/module_test_contexts.hpp"
#include "modules/users/utc_timestamp.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <chrono>

namespace lambdad::modules {
namespace {

class no_tables : public table_provider {
public:
    std::shared_ptr<table> open_table(std::string_view name) override {
        throw table_error("ResourceNotFoundException", "No table " + std::string(name));
    }
};

TEST(ModuleRegistry, ListsBuiltinModules) {
    EXPECT_EQ(
        lambda::builtin_module_names(),
        (std::vector<std::string>{"echo", "fixed-response", "hang", "lifecycle-probe", "users"}));
    EXPECT_TRUE(lambda::find_builtin_module("users"));
    EXPECT_TRUE(lambda::find_builtin_module("echo"));
    EXPECT_TRUE(lambda::find_builtin_module("fixed-response"));
    EXPECT_FALSE(lambda::find_builtin_module("nope"));
}

TEST(ModuleRegistry, OnlyBoundedModulesRunInline) {
    EXPECT_TRUE(lambda::builtin_module_runs_inline("users"));
    EXPECT_TRUE(lambda::builtin_module_runs_inline("echo"));
    EXPECT_FALSE(lambda::builtin_module_runs_inline("hang"));
    EXPECT_FALSE(lambda::builtin_module_runs_inline("lifecycle-probe"));
    EXPECT_FALSE(lambda::builtin_module_runs_inline("nope"));
}

TEST(EchoModule, ReturnsEventAsBody) {
    no_tables tables;
    test::test_init_context init(tables, {});
    test::test_invocation_context context;
    auto echo = lambda::find_builtin_module("echo")(init);
    std::string event = R"({"path":"/x","body":"a \"quoted\" body"})";

    boost::json::value response = boost::json::parse(echo->invoke(event, context));
    EXPECT_EQ(response.at("statusCode").as_int64(), 200);
    EXPECT_EQ(response.at("headers"), boost::json::parse(R"({"Content-Type":"application/json"})"));
    EXPECT_EQ(response.at("body").as_string(), event);
}

TEST(FixedResponseModule, ReturnsResponseVerbatim) {
    no_tables tables;
    test::test_init_context init(tables, {}, {{"response", "{not json"}});
    test::test_invocation_context context;
    auto fixed = make_fixed_response_environment(init);

    EXPECT_EQ(fixed->invoke("{}", context), "{not json");
    EXPECT_EQ(fixed->invoke("{}", context), "{not json");
}

TEST(FixedResponseModule, ThrowsConfiguredError) {
    no_tables tables;
    test::test_init_context init(tables, {},
                                 {{"error_type", "Custom.Failure"}, {"error_message", "boom"}});
    test::test_invocation_context context;
    auto fixed = make_fixed_response_environment(init);

    try {
        fixed->invoke("{}", context);
        FAIL() << "Expected function_error";
    } catch (const function_error& error) {
        EXPECT_EQ(error.type(), "Custom.Failure");
        EXPECT_STREQ(error.what(), "boom");
    }
}

TEST(UtcIsoformat, MatchesPythonIsoformat) {
    using namespace std::chrono;
    sys_days day = year(2024) / February / 18;
    EXPECT_EQ(utc_isoformat(day + 2h + 55min + 26s + 828474us), "2024-02-18T02:55:26.828474");
    EXPECT_EQ(utc_isoformat(day + 2h + 55min + 26s), "2024-02-18T02:55:26");
    EXPECT_EQ(utc_isoformat(day + 1s + 50us), "2024-02-18T00:00:01.000050");
}

}  // namespace
}  // namespace lambdad::modules
