#include "config/config.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

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
        {"functions:\n  Fn:\n    timeout: 3\n",
         "test.yaml:2:3: functions.Fn: module (a built-in module) or library (a module file) is "
         "required"},
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
              "test.yaml:2:1: queues: unknown key; expected one of: tables, functions, apis, "
              "account, http");
    EXPECT_EQ(load_error(function_block + "    handler: x\n"),
              "test.yaml:4:5: functions.Fn.handler: unknown key; expected one of: name, "
              "module, library, environment, options, timeout, memory_size, "
              "reserved_concurrency, init_timeout, idle_timeout, provisioned_concurrency, "
              "aliases");
}

TEST(ConfigLoader, RejectsUnknownRef) {
    EXPECT_EQ(load_error(function_block + "    environment: {T: !Ref Missing}\n"),
              "test.yaml:4:19: functions.Fn.environment.T: !Ref Missing names no declared "
              "table or function");
}

TEST(ConfigLoader, RejectsUnsupportedApiType) {
    EXPECT_EQ(load_error(function_block + "apis:\n  Api:\n    type: WEBSOCKET\n"),
              "test.yaml:6:5: apis.Api.type: must be REST or HTTP");
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

TEST(ConfigLoader, ReadsLifecycleAndAccountKeys) {
    daemon_config config = load_text(
        "account:\n"
        "  concurrent_executions: 50\n"
        "functions:\n"
        "  Fn:\n"
        "    module: m\n"
        "    init_timeout: 20\n"
        "    idle_timeout: 30\n"
        "    reserved_concurrency: 4\n"
        "    provisioned_concurrency: 2\n"
        "    aliases: [live, blue-1]\n",
        "test.yaml");
    const function_config& function = config.functions.at(0);

    EXPECT_EQ(config.account_concurrency_limit, 50u);
    EXPECT_EQ(function.init_timeout, std::chrono::seconds(20));
    EXPECT_EQ(function.idle_timeout, std::chrono::seconds(30));
    EXPECT_EQ(function.provisioned_concurrency, 2u);
    EXPECT_EQ(function.aliases, (std::vector<std::string>{"live", "blue-1"}));
}

TEST(ConfigLoader, LifecycleKeysHaveLambdaDefaults) {
    daemon_config config = load_text(function_block, "test.yaml");
    const function_config& function = config.functions.at(0);

    EXPECT_EQ(config.account_concurrency_limit, 1000u);
    EXPECT_EQ(function.init_timeout, std::chrono::seconds(10));
    EXPECT_EQ(function.provisioned_concurrency, 0u);
    EXPECT_TRUE(function.aliases.empty());
}

TEST(ConfigLoader, RejectsInvalidLifecycleKeys) {
    const error_case cases[] = {
        {"functions:\n  Fn:\n    module: m\n    init_timeout: 0\n",
         "test.yaml:4:5: functions.Fn.init_timeout: must be a number of seconds from 1 to 900"},
        {"functions:\n  Fn:\n    module: m\n    reserved_concurrency: 1\n"
         "    provisioned_concurrency: 2\n",
         "test.yaml:5:5: functions.Fn.provisioned_concurrency: must not exceed "
         "reserved_concurrency"},
        {"functions:\n  Fn:\n    module: m\n    aliases: [\"7\"]\n",
         "test.yaml:4:15: functions.Fn.aliases[0]: must be 1 to 128 letters, digits, '_' or '-', "
         "not only digits"},
        {"account:\n  concurrent_executions: 0\n",
         "test.yaml:2:3: account.concurrent_executions: must be a whole number of invocations "
         "from 1 to 100000"},
        {"account:\n  limit: 5\n",
         "test.yaml:2:3: account.limit: unknown key; expected one of: concurrent_executions"},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(load_error(c.text), c.expected) << c.text;
    }
}

TEST(ConfigLoader, HttpApiDefaults) {
    daemon_config config = load_text(function_block +
                                         "apis:\n  Api:\n    type: HTTP\n    routes:\n"
                                         "      - {path: $default, function: Fn}\n"
                                         "      - {method: GET, path: /a, function: Fn,"
                                         " payload_format_version: '1.0'}\n",
                                     "test.yaml");
    const auto& api = config.apis.at(0);
    EXPECT_TRUE(api.is_http_api());
    EXPECT_EQ(api.stage, "$default");
    EXPECT_EQ(api.payload_format_version, "2.0");
    EXPECT_EQ(api.integration_timeout, std::chrono::milliseconds(30'000));
    EXPECT_EQ(api.routes.at(0).path, "$default");
    EXPECT_EQ(api.routes.at(1).payload_format_version, "1.0");
}

TEST(ConfigLoader, ReadsRestApiGatewayKeys) {
    daemon_config config = load_text(
        function_block +
            "apis:\n  Api:\n    binary_media_types: [image/png]\n    integration_timeout_ms: 50\n"
            "    port: 4000\n    cors: {allow_origins: ['*'], max_age: 60}\n"
            "http: {header_timeout_ms: 500, max_connections: 7, shutdown_grace_ms: 250}\n",
        "test.yaml");
    const auto& api = config.apis.at(0);
    EXPECT_EQ(api.binary_media_types, std::vector<std::string>{"image/png"});
    EXPECT_EQ(api.integration_timeout, std::chrono::milliseconds(50));
    EXPECT_EQ(api.port, 4000);
    ASSERT_TRUE(api.cors.has_value());
    EXPECT_EQ(api.cors->allow_origins, std::vector<std::string>{"*"});
    EXPECT_EQ(api.cors->max_age_s, 60);
    EXPECT_EQ(config.http.header_timeout, std::chrono::milliseconds(500));
    EXPECT_EQ(config.http.max_connections, 7u);
    EXPECT_EQ(config.http.shutdown_grace, std::chrono::milliseconds(250));
}

TEST(ConfigLoader, RejectsShutdownGraceOutOfRange) {
    EXPECT_EQ(load_error(function_block + "http: {shutdown_grace_ms: 99}\n"),
              "test.yaml:4:8: http.shutdown_grace_ms: must be 100 to 3600000 milliseconds");
}

TEST(ConfigLoader, RejectsKeysOfOtherApiType) {
    std::string rest = function_block + "apis:\n  Api:\n    type: REST\n";
    std::string http = function_block + "apis:\n  Api:\n    type: HTTP\n";
    EXPECT_EQ(load_error(rest + "    stage: $default\n"),
              "test.yaml:7:5: apis.Api.stage: $default is a stage of HTTP APIs only");
    EXPECT_EQ(load_error(rest + "    payload_format_version: '2.0'\n"),
              "test.yaml:7:5: apis.Api.payload_format_version: REST APIs use payload format 1.0 "
              "only");
    EXPECT_EQ(load_error(rest + "    integration_timeout_ms: 30000\n"),
              "test.yaml:7:5: apis.Api.integration_timeout_ms: must be 50 to 29000 milliseconds "
              "on a REST API");
    EXPECT_EQ(load_error(http + "    binary_media_types: [image/png]\n"),
              "test.yaml:7:5: apis.Api.binary_media_types: only REST APIs have binary media "
              "types");
    EXPECT_EQ(load_error(http + "    payload_format_version: '3.0'\n"),
              "test.yaml:7:5: apis.Api.payload_format_version: must be 1.0 or 2.0");
}

}  // namespace
}  // namespace lambdad::config
