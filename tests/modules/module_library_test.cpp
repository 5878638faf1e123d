#include "modules/module_library.hpp"

#include "lambdad/module.hpp"
#include "modules/module_test_contexts.hpp"

#include <gtest/gtest.h>

#include <string>

namespace lambdad::modules {
namespace {

class no_tables : public table_provider {
public:
    std::shared_ptr<table> open_table(std::string_view name) override {
        throw table_error("ResourceNotFoundException", "No table " + std::string(name));
    }
};

/// Returns the message of the module_load_error that loading `path` throws, or "" when none.
std::string load_error_message(const std::string& path) {
    try {
        load_module_library(path);
    } catch (const module_load_error& error) {
        return error.what();
    }
    return "";
}

TEST(ModuleLibrary, LoadsModuleAndInvokesIt) {
    environment_factory factory = load_module_library(GREETING_MODULE);
    ASSERT_TRUE(factory);
    no_tables tables;
    test::test_init_context init(tables, {}, {{"greeting", "hello"}});
    std::unique_ptr<environment> created = factory(init);
    ASSERT_NE(created, nullptr);
    test::test_invocation_context context;
    EXPECT_EQ(created->invoke("{}", context), "hello from TestFunction: {}");
}

TEST(ModuleLibrary, EnvironmentOutlivesFactory) {
    no_tables tables;
    test::test_init_context init(tables, {}, {{"greeting", "hi"}});
    std::unique_ptr<environment> created = load_module_library(GREETING_MODULE)(init);
    ASSERT_NE(created, nullptr);
    // The factory and its handle are gone; the environment keeps the library loaded.
    test::test_invocation_context context;
    EXPECT_EQ(created->invoke("1", context), "hi from TestFunction: 1");
}

TEST(ModuleLibrary, FunctionErrorsCrossTheLibraryBoundary) {
    environment_factory factory = load_module_library(GREETING_MODULE);
    no_tables tables;
    test::test_init_context without_greeting(tables, {});
    try {
        factory(without_greeting);
        FAIL() << "init without the greeting option should throw";
    } catch (const function_error& error) {
        EXPECT_EQ(error.type(), "MissingGreeting");
    }
    test::test_init_context init(tables, {}, {{"greeting", "hello"}});
    std::unique_ptr<environment> created = factory(init);
    test::test_invocation_context context;
    try {
        created->invoke("\"fail\"", context);
        FAIL() << "invoke should throw";
    } catch (const function_error& error) {
        EXPECT_EQ(error.type(), "GreetingFailed");
        EXPECT_STREQ(error.what(), "asked to fail");
    }
}

TEST(ModuleLibrary, RejectsOtherAbiVersion) {
    std::string message = load_error_message(WRONG_ABI_MODULE);
    EXPECT_NE(message.find(WRONG_ABI_MODULE), std::string::npos) << message;
    EXPECT_NE(message.find(LAMBDAD_MODULE_ENTRY_POINT), std::string::npos) << message;
    EXPECT_NE(message.find("ABI version 999"), std::string::npos) << message;
    EXPECT_NE(message.find("loads ABI version " + std::to_string(LAMBDAD_MODULE_ABI_VERSION)),
              std::string::npos)
        << message;
}

TEST(ModuleLibrary, RejectsOtherStandardLibrary) {
    std::string message = load_error_message(WRONG_LIBRARY_MODULE);
    EXPECT_NE(message.find(WRONG_LIBRARY_MODULE), std::string::npos) << message;
    EXPECT_NE(message.find("standard library libc++"), std::string::npos) << message;
}

TEST(ModuleLibrary, RejectsLibraryWithoutEntryPoint) {
    std::string message = load_error_message(NO_ENTRY_POINT_MODULE);
    EXPECT_NE(message.find(NO_ENTRY_POINT_MODULE), std::string::npos) << message;
    EXPECT_NE(message.find("has no ABI version"), std::string::npos) << message;
    EXPECT_NE(message.find("symbol " LAMBDAD_MODULE_ENTRY_POINT " not found"), std::string::npos)
        << message;
}

TEST(ModuleLibrary, ReportsMissingFile) {
    std::string path = "/nonexistent/libmissing.so";
    std::string message = load_error_message(path);
    EXPECT_NE(message.find("cannot load module library " + path), std::string::npos) << message;
    EXPECT_NE(message.find("dlopen failed"), std::string::npos) << message;
}

}  // namespace
}  // namespace lambdad::modules
