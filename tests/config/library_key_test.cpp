#include "config/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace lambdad::config {
namespace {

std::string load_error(const std::string& text) {
    try {
        load_text(text, "test.yaml");
    } catch (const config_error& error) {
        return error.what();
    }
    return "no error";
}

/// A configuration file in a fresh temporary directory, removed at the end of the test.
class ConfigLibraryFile : public ::testing::Test {
protected:
    void SetUp() override {
        directory_ = std::filesystem::temp_directory_path() /
                     ("lambdad-library-key-" + std::to_string(::getpid()));
        std::filesystem::create_directories(directory_);
    }
    void TearDown() override { std::filesystem::remove_all(directory_); }

    std::string write(const std::string& text) {
        std::filesystem::path path = directory_ / "service.yaml";
        std::ofstream(path) << text;
        return path.string();
    }

    std::filesystem::path directory_;
};

TEST(ConfigLibraryKey, ReadsLibraryInsteadOfModule) {
    daemon_config config =
        load_text("functions:\n  Fn:\n    library: /opt/libfn.so\n", "test.yaml");
    ASSERT_EQ(config.functions.size(), 1u);
    EXPECT_EQ(config.functions[0].library, "/opt/libfn.so");
    EXPECT_EQ(config.functions[0].module, "");
    EXPECT_EQ(config.functions[0].module_location, "test.yaml:3:5: functions.Fn.library");
}

TEST(ConfigLibraryKey, RejectsModuleAndLibraryTogether) {
    std::string message = load_error("functions:\n  Fn:\n    module: echo\n    library: x.so\n");
    EXPECT_EQ(message,
              "test.yaml:4:5: functions.Fn.library: cannot be set together with module; use one "
              "of them");
}

TEST(ConfigLibraryKey, RequiresModuleOrLibrary) {
    std::string message = load_error("functions:\n  Fn:\n    timeout: 3\n");
    EXPECT_NE(message.find("module (a built-in module) or library (a module file) is required"),
              std::string::npos)
        << message;
}

TEST(ConfigLibraryKey, RejectsEmptyLibrary) {
    std::string message = load_error("functions:\n  Fn:\n    library: \"\"\n");
    EXPECT_NE(message.find("functions.Fn.library: must not be empty"), std::string::npos)
        << message;
}

TEST_F(ConfigLibraryFile, ResolvesRelativeLibraryFromFileDirectory) {
    std::string path = write("functions:\n  Fn:\n    library: build/../build/libfn.so\n");
    daemon_config config = load_file(path);
    ASSERT_EQ(config.functions.size(), 1u);
    EXPECT_EQ(config.functions[0].library, (directory_ / "build/libfn.so").string());
}

TEST_F(ConfigLibraryFile, KeepsAbsoluteLibrary) {
    std::string path = write("functions:\n  Fn:\n    library: /opt/lib/libfn.so\n");
    EXPECT_EQ(load_file(path).functions[0].library, "/opt/lib/libfn.so");
}

}  // namespace
}  // namespace lambdad::config
