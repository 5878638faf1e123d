#include "daemon/cli.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

namespace lambdad::daemon {
namespace {

struct parse_output {
    command_line parsed;
    std::string out;
    std::string err;
};

parse_output parse(std::vector<const char*> args) {
    args.insert(args.begin(), "lambdad");
    std::ostringstream out;
    std::ostringstream err;
    parse_output result;
    result.parsed = parse_command_line(static_cast<int>(args.size()), args.data(), out, err);
    result.out = out.str();
    result.err = err.str();
    return result;
}

TEST(CommandLine, ServeDefaults) {
    auto result = parse({"serve"});
    ASSERT_EQ(result.parsed.selected, command::serve);
    const serve_options& serve = result.parsed.serve;
    EXPECT_FALSE(serve.config_path.has_value());
    EXPECT_EQ(serve.host, "127.0.0.1");
    EXPECT_EQ(serve.port, 3000);
    EXPECT_FALSE(serve.in_memory);
    EXPECT_GE(serve.threads, 1u);
    EXPECT_EQ(serve.log_level, "info");
    EXPECT_EQ(serve.log_format, "text");
    EXPECT_FALSE(serve.ready_file.has_value());
}

TEST(CommandLine, ServeReadsEveryOption) {
    auto result = parse({"serve", "--config", "c.yaml", "--host", "0.0.0.0", "--port", "0",
                         "--in-memory", "--threads", "3", "--workers", "8", "--log-level", "debug",
                         "--log-format", "json", "--ready-file", "ready.txt"});
    ASSERT_EQ(result.parsed.selected, command::serve);
    const serve_options& serve = result.parsed.serve;
    EXPECT_EQ(serve.config_path, "c.yaml");
    EXPECT_EQ(serve.host, "0.0.0.0");
    EXPECT_EQ(serve.port, 0);
    EXPECT_TRUE(serve.in_memory);
    EXPECT_EQ(serve.threads, 3u);
    EXPECT_EQ(serve.workers, 8u);
    EXPECT_EQ(serve.log_level, "debug");
    EXPECT_EQ(serve.log_format, "json");
    EXPECT_EQ(serve.ready_file, "ready.txt");
}

TEST(CommandLine, DataDirExcludesInMemory) {
    auto result = parse({"serve", "--data-dir", "d", "--in-memory"});
    EXPECT_EQ(result.parsed.selected, command::exit);
    EXPECT_EQ(result.parsed.exit_code, 2);
    EXPECT_FALSE(result.err.empty());
}

TEST(CommandLine, RejectsUnknownLogLevel) {
    auto result = parse({"serve", "--log-level", "verbose"});
    EXPECT_EQ(result.parsed.selected, command::exit);
    EXPECT_EQ(result.parsed.exit_code, 2);
}

TEST(CommandLine, RoutesReadsAddress) {
    auto result = parse({"routes", "--port", "8080"});
    ASSERT_EQ(result.parsed.selected, command::routes);
    EXPECT_EQ(result.parsed.routes.port, 8080);
    EXPECT_EQ(result.parsed.routes.host, "127.0.0.1");
}

TEST(CommandLine, PrintsVersion) {
    auto result = parse({"--version"});
    EXPECT_EQ(result.parsed.selected, command::exit);
    EXPECT_EQ(result.parsed.exit_code, 0);
    EXPECT_EQ(result.out, std::string("lambdad ") + LAMBDAD_VERSION + "\n");
}

TEST(CommandLine, PrintsHelpForEachCommand) {
    for (const char* name : {"serve", "routes"}) {
        auto result = parse({name, "--help"});
        EXPECT_EQ(result.parsed.selected, command::exit);
        EXPECT_EQ(result.parsed.exit_code, 0);
        EXPECT_NE(result.out.find("--config"), std::string::npos) << name;
    }
}

TEST(CommandLine, RequiresCommand) {
    auto result = parse({});
    EXPECT_EQ(result.parsed.selected, command::exit);
    EXPECT_EQ(result.parsed.exit_code, 2);
}

}  // namespace
}  // namespace lambdad::daemon
