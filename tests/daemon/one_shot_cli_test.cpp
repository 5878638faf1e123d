#include "daemon/cli.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

namespace lambdad::daemon {
namespace {

command_line parse(std::vector<const char*> args, std::string* err = nullptr) {
    args.insert(args.begin(), "lambdad");
    std::ostringstream out;
    std::ostringstream errors;
    command_line parsed =
        parse_command_line(static_cast<int>(args.size()), args.data(), out, errors);
    if (err != nullptr) {
        *err = errors.str();
    }
    return parsed;
}

TEST(OneShotCommandLine, InvokeDefaults) {
    command_line parsed = parse({"invoke", "UsersFunction"});
    ASSERT_EQ(parsed.selected, command::invoke);
    EXPECT_EQ(parsed.invoke.function, "UsersFunction");
    EXPECT_FALSE(parsed.invoke.config_path.has_value());
    EXPECT_FALSE(parsed.invoke.event_path.has_value());
    EXPECT_EQ(parsed.invoke.data_dir, ".lambdad");
    EXPECT_FALSE(parsed.invoke.in_memory);
    EXPECT_EQ(parsed.invoke.log_level, "info");
}

TEST(OneShotCommandLine, InvokeReadsEveryOption) {
    command_line parsed = parse({"invoke", "Fn", "--config", "c.yaml", "--event", "-", "--data-dir",
                                 "d", "--log-level", "warn"});
    ASSERT_EQ(parsed.selected, command::invoke);
    EXPECT_EQ(parsed.invoke.config_path, "c.yaml");
    EXPECT_EQ(parsed.invoke.event_path, "-");
    EXPECT_EQ(parsed.invoke.data_dir, "d");
    EXPECT_EQ(parsed.invoke.log_level, "warn");
}

TEST(OneShotCommandLine, InvokeRequiresFunction) {
    std::string err;
    command_line parsed = parse({"invoke"}, &err);
    EXPECT_EQ(parsed.selected, command::exit);
    EXPECT_EQ(parsed.exit_code, 2);
    EXPECT_NE(err.find("function"), std::string::npos) << err;
}

TEST(OneShotCommandLine, InvokeDataDirExcludesInMemory) {
    command_line parsed = parse({"invoke", "Fn", "--data-dir", "d", "--in-memory"});
    EXPECT_EQ(parsed.selected, command::exit);
    EXPECT_EQ(parsed.exit_code, 2);
}

TEST(OneShotCommandLine, GenerateEventReadsRequest) {
    command_line parsed = parse({"generate-event", "apigateway-http", "--method", "POST", "--path",
                                 "/a?b=c", "--body", "{}", "--header", "X-One: 1", "--header",
                                 "X-Two: 2", "--config", "c.yaml", "--api", "Api"});
    ASSERT_EQ(parsed.selected, command::generate_event);
    const generate_event_options& options = parsed.generate_event;
    EXPECT_EQ(options.source, "apigateway-http");
    EXPECT_EQ(options.method, "POST");
    EXPECT_EQ(options.path, "/a?b=c");
    EXPECT_EQ(options.body, "{}");
    EXPECT_EQ(options.headers, (std::vector<std::string>{"X-One: 1", "X-Two: 2"}));
    EXPECT_EQ(options.config_path, "c.yaml");
    EXPECT_EQ(options.api, "Api");
}

TEST(OneShotCommandLine, GenerateEventDefaults) {
    command_line parsed = parse({"generate-event", "apigateway-rest"});
    ASSERT_EQ(parsed.selected, command::generate_event);
    EXPECT_EQ(parsed.generate_event.method, "GET");
    EXPECT_EQ(parsed.generate_event.path, "/");
    EXPECT_FALSE(parsed.generate_event.body.has_value());
    EXPECT_TRUE(parsed.generate_event.headers.empty());
}

TEST(OneShotCommandLine, GenerateEventRejectsUnknownSource) {
    std::string err;
    command_line parsed = parse({"generate-event", "s3-put"}, &err);
    EXPECT_EQ(parsed.selected, command::exit);
    EXPECT_EQ(parsed.exit_code, 2);
    EXPECT_NE(err.find("s3-put"), std::string::npos) << err;
}

}  // namespace
}  // namespace lambdad::daemon
