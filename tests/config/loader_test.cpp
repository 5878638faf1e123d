#include "config/config.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lambdad::config {
namespace {

/// Loads `text` and returns the config_error message, or "no error".
std::string load_error(const std::string& text) {
    try {
        load_text(text, "test.yaml");
    } catch (const config_error& error) {
        return error.what();
    }
    return "no error";
}

const std::string function_block =
    "functions:\n"
    "  Fn:\n"
    "    module: users\n";

TEST(ConfigLoader, LoadsEmbeddedDefault) {
    daemon_config config = load_text(default_config_text(), "<embedded default>");
    EXPECT_EQ(config.source, "<embedded default>");
    ASSERT_EQ(config.tables.size(), 1u);
    EXPECT_EQ(config.tables[0].logical_id, "UsersTable");
    EXPECT_EQ(config.tables[0].name, "Users");
    EXPECT_EQ(config.tables[0].key.hash_key.name, "userid");
    EXPECT_EQ(config.tables[0].key.hash_key.type, attribute_value::kind::S);
    EXPECT_FALSE(config.tables[0].key.range_key.has_value());

    ASSERT_EQ(config.functions.size(), 1u);
    const function_config& function = config.functions[0];
    EXPECT_EQ(function.name, "UsersFunction");
    EXPECT_EQ(function.module, "users");
    EXPECT_EQ(function.timeout, std::chrono::seconds(3));
    EXPECT_EQ(function.memory_size_mb, 128u);
    EXPECT_EQ(function.environment.at("USERS_TABLE"), "Users");
    EXPECT_FALSE(function.reserved_concurrency.has_value());

    ASSERT_EQ(config.apis.size(), 1u);
    const api_config& api = config.apis[0];
    EXPECT_EQ(api.type, "REST");
    EXPECT_EQ(api.stage, "Prod");
    EXPECT_EQ(api.api_id.size(), 10u);
    ASSERT_EQ(api.routes.size(), 5u);
    EXPECT_EQ(api.routes[2].method, "GET");
    EXPECT_EQ(api.routes[2].path, "/users/{userid}");
    EXPECT_EQ(api.routes[2].function, "UsersFunction");
}

TEST(ConfigLoader, FileMatchesEmbeddedDefault) {
    daemon_config config = load_file(LAMBDAD_SOURCE_DIR "/config/users-service.yaml");
    EXPECT_EQ(config.source, LAMBDAD_SOURCE_DIR "/config/users-service.yaml");
    ASSERT_EQ(config.apis.size(), 1u);
    EXPECT_EQ(config.apis[0].routes.size(), 5u);
}

TEST(ConfigLoader, ApiIdIsDeterministic) {
    std::string text = function_block +
                       "apis:\n  Api:\n    routes:\n"
                       "      - {method: GET, path: /, function: Fn}\n";
    std::string first = load_text(text, "a.yaml").apis[0].api_id;
    EXPECT_EQ(first, load_text(text, "b.yaml").apis[0].api_id);
    EXPECT_EQ(first.size(), 10u);
    for (char c : first) {
        EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) << first;
    }
}

TEST(ConfigLoader, ReadsOptionalFields) {
    daemon_config config = load_text(
        "tables:\n"
        "  T:\n"
        "    hash_key: {name: pk, type: N}\n"
        "    range_key: {name: sk, type: B}\n"
        "functions:\n"
        "  Fn:\n"
        "    name: my-fn\n"
        "    module: users\n"
        "    timeout: 900\n"
        "    memory_size: 10240\n"
        "    reserved_concurrency: 0\n"
        "    options: {mode: fast, level: 3}\n"
        "    environment: {TABLE: !Ref T, SELF: !Ref Fn}\n"
        "apis:\n"
        "  Api:\n"
        "    stage: dev\n"
        "    api_id: abcde12345\n"
        "    stage_variables: {color: blue}\n"
        "    routes:\n"
        "      - {method: ANY, path: \"/files/{proxy+}\", function: !Ref Fn}\n",
        "t.yaml");
    EXPECT_EQ(config.tables[0].name, "T");
    EXPECT_EQ(config.tables[0].key.hash_key.type, attribute_value::kind::N);
    ASSERT_TRUE(config.tables[0].key.range_key.has_value());
    EXPECT_EQ(config.tables[0].key.range_key->type, attribute_value::kind::B);
    const function_config& function = config.functions[0];
    EXPECT_EQ(function.name, "my-fn");
    EXPECT_EQ(function.timeout, std::chrono::seconds(900));
    EXPECT_EQ(function.memory_size_mb, 10240u);
    EXPECT_EQ(function.reserved_concurrency, 0u);
    EXPECT_EQ(function.options.at("level"), "3");
    EXPECT_EQ(function.environment.at("TABLE"), "T");
    EXPECT_EQ(function.environment.at("SELF"), "my-fn");
    EXPECT_EQ(config.apis[0].stage, "dev");
    EXPECT_EQ(config.apis[0].api_id, "abcde12345");
    EXPECT_EQ(config.apis[0].stage_variables.at("color"), "blue");
    EXPECT_EQ(config.apis[0].routes[0].function, "Fn");
}

TEST(ConfigLoader, ReportsFileLineColumnAndKeyPath) {
    EXPECT_EQ(load_error(function_block + "    timeout: 0\n"),
              "test.yaml:4:5: functions.Fn.timeout: must be a number of seconds from 1 to 900");
}

struct error_case {
    const char* text;
    const char* expected;
};

TEST(ConfigLoader, RejectsInvalidValues) {
    const error_case cases[] = {
        {"functions:\n  Fn:\n    module: m\n    timeout: 1.5\n",
         "test.yaml:4:5: functions.Fn.timeout: must be a number of seconds from 1 to 900"},
        {"functions:\n  Fn:\n    module: m\n    timeout: 901\n",
         "test.yaml:4:5: functions.Fn.timeout: must be a number of seconds from 1 to 900"},
        {"functions:\n  Fn:\n    module: m\n    memory_size: 64\n",
         "test.yaml:4:5: functions.Fn.memory_size: must be a number of MB from 128 to 10240"},
        {"functions:\n  Fn:\n    module: m\n    reserved_concurrency: 1001\n",
         "test.yaml:4:5: functions.Fn.reserved_concurrency: must be a whole number from 0 to "
         "1000"},
        {"functions:\n  Fn:\n    timeout: 3\n", "test.yaml:2:3: functions.Fn: module is required"},
        {"tables:\n  T:\n    hash_key: {name: id, type: X}\n",
         "test.yaml:3:26: tables.T.hash_key.type: must be S, N or B"},
        {"tables:\n  T:\n    name: Users\n", "test.yaml:2:3: tables.T: hash_key is required"},
        {"tables:\n  T:\n    name: \"a b\"\n    hash_key: {name: id, type: S}\n",
         "test.yaml:3:5: tables.T.name: must be 3 to 255 letters, digits, '_', '-' or '.'"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(load_error(c.text), c.expected) << c.text;
    }
}

TEST(ConfigLoader, RejectsUnknownKeys) {
    EXPECT_EQ(load_error("tables: {}\nqueues: {}\n"),
              "test.yaml:2:1: queues: unknown key; expected one of: tables, functions, apis");
    EXPECT_EQ(load_error(function_block + "    handler: x\n"),
              "test.yaml:4:5: functions.Fn.handler: unknown key; expected one of: name, "
              "module, environment, options, timeout, memory_size, reserved_concurrency");
}

TEST(ConfigLoader, RejectsUnknownRef) {
    EXPECT_EQ(load_error(function_block + "    environment: {T: !Ref Missing}\n"),
              "test.yaml:4:19: functions.Fn.environment.T: !Ref Missing names no declared "
              "table or function");
}

TEST(ConfigLoader, RejectsUnsupportedApiType) {
    EXPECT_EQ(load_error(function_block + "apis:\n  Api:\n    type: HTTP\n"),
              "test.yaml:6:5: apis.Api.type: HTTP APIs are not supported yet; use REST");
    EXPECT_EQ(load_error(function_block + "apis:\n  Api:\n    type: WEBSOCKET\n"),
              "test.yaml:6:5: apis.Api.type: must be REST");
}

TEST(ConfigLoader, RejectsInvalidApiId) {
    EXPECT_EQ(load_error(function_block + "apis:\n  Api:\n    api_id: ABCDE12345\n"),
              "test.yaml:6:5: apis.Api.api_id: must be 10 lower-case letters or digits");
}

std::string route_error(const std::string& routes) {
    return load_error(function_block + "apis:\n  Api:\n    routes:\n" + routes);
}

TEST(ConfigLoader, RejectsInvalidRoutes) {
    EXPECT_EQ(route_error("      - {method: FETCH, path: /a, function: Fn}\n"),
              "test.yaml:7:10: apis.Api.routes[0].method: must be one of GET, POST, PUT, "
              "DELETE, PATCH, HEAD, OPTIONS or ANY");
    EXPECT_EQ(route_error("      - {method: GET, path: a, function: Fn}\n"),
              "test.yaml:7:23: apis.Api.routes[0].path: must start with /");
    EXPECT_EQ(route_error("      - {method: GET, path: \"/{p+}/x\", function: Fn}\n"),
              "test.yaml:7:23: apis.Api.routes[0].path: a greedy {name+} segment must be the "
              "last one");
    EXPECT_EQ(route_error("      - {method: GET, path: \"/a{b}\", function: Fn}\n"),
              "test.yaml:7:23: apis.Api.routes[0].path: segment a{b} must be either literal "
              "or {name}");
    EXPECT_EQ(route_error("      - {method: GET, path: /a, function: Other}\n"),
              "test.yaml:7:33: apis.Api.routes[0].function: Other is not a declared function");
    EXPECT_EQ(route_error("      - {method: GET, path: /a}\n"),
              "test.yaml:7:9: apis.Api.routes[0]: a route needs method, path and function");
}

TEST(ConfigLoader, RejectsDuplicateRoute) {
    EXPECT_EQ(route_error("      - {method: GET, path: /a, function: Fn}\n"
                          "      - {method: POST, path: /a, function: Fn}\n"
                          "      - {method: GET, path: /a, function: Fn}\n"),
              "test.yaml:9:9: apis.Api.routes[2]: duplicate route GET /a");
}

TEST(ConfigLoader, RejectsDuplicateLogicalId) {
    EXPECT_EQ(load_error("tables:\n  Fn:\n    hash_key: {name: id, type: S}\n" + function_block),
              "test.yaml:5:3: functions.Fn: logical id is already used by a table or function");
}

TEST(ConfigLoader, RejectsMalformedYaml) {
    std::string message = load_error("functions: [unclosed\n");
    EXPECT_EQ(message.rfind("test.yaml:", 0), 0u) << message;
    EXPECT_NE(message.find("invalid YAML"), std::string::npos) << message;
}

TEST(ConfigLoader, RejectsMissingFile) {
    try {
        load_file("/nonexistent/lambdad.yaml");
        FAIL() << "expected config_error";
    } catch (const config_error& error) {
        EXPECT_EQ(std::string(error.what()).rfind("/nonexistent/lambdad.yaml: ", 0), 0u);
    }
}

}  // namespace
}  // namespace lambdad::config
