#include "lambda_api/service.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>
#include <spdlog/sinks/null_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>

namespace lambdad::lambda_api {
namespace {

using namespace std::chrono_literals;

class no_tables : public table_provider {
public:
    std::shared_ptr<table> open_table(std::string_view name) override {
        throw table_error("ResourceNotFoundException", "No table " + std::string(name));
    }
};

class echo_environment : public environment {
public:
    std::string invoke(std::string_view event, const invocation_context&) override {
        if (event == "\"fail\"") {
            throw function_error("Custom.Failure", "failed on purpose");
        }
        return std::string(event);
    }
};

std::string header(const http::response& response, std::string_view name) {
    for (const auto& field : response.headers) {
        if (field.name == name) {
            return field.value;
        }
    }
    return "<absent>";
}

class LambdaServiceTest : public ::testing::Test {
protected:
    LambdaServiceTest() {
        if (!spdlog::get("lambdad")) {
            spdlog::register_logger(std::make_shared<spdlog::logger>(
                "lambdad", std::make_shared<spdlog::sinks::null_sink_mt>()));
        }
        config::function_config echo;
        echo.logical_id = "Echo";
        echo.name = "echo-function";
        echo.module = "inline";
        echo.aliases = {"live"};
        config::function_config closed = echo;
        closed.logical_id = "Closed";
        closed.name = "closed";
        closed.reserved_concurrency = 0;
        auto factory = [](const init_context&) { return std::make_unique<echo_environment>(); };
        auto executor = [](std::function<void()> work) { work(); };
        functions_["Echo"] =
            std::make_shared<lambda::function_pool>(echo, factory, tables_, executor);
        functions_["Closed"] =
            std::make_shared<lambda::function_pool>(closed, factory, tables_, executor);
        service_ = std::make_unique<service>(functions_);
    }

    http::response send(std::string method, std::string target, std::string body = {},
                        std::vector<http::header> headers = {}) {
        http::request request;
        request.method = std::move(method);
        request.target = std::move(target);
        request.body = std::move(body);
        request.headers = std::move(headers);
        auto answer = std::make_shared<std::promise<http::response>>();
        auto answered = answer->get_future();
        service_->handle(std::move(request),
                         [answer](http::response sent) { answer->set_value(std::move(sent)); });
        if (answered.wait_for(30s) != std::future_status::ready) {
            ADD_FAILURE() << "no answer";
            return {};
        }
        return answered.get();
    }

    no_tables tables_;
    function_map functions_;
    std::unique_ptr<service> service_;
};

TEST_F(LambdaServiceTest, InvokeReturnsPayload) {
    http::response sent = send("POST", "/2015-03-31/functions/echo-function/invocations", "[1]");

    EXPECT_EQ(sent.status, 200u);
    EXPECT_EQ(sent.body, "[1]");
    EXPECT_EQ(header(sent, "X-Amz-Executed-Version"), "$LATEST");
    EXPECT_EQ(header(sent, "X-Amz-Function-Error"), "<absent>");
    EXPECT_EQ(header(sent, "Content-Type"), "application/json");
}

TEST_F(LambdaServiceTest, InvokeReportsFunctionError) {
    http::response sent =
        send("POST", "/2015-03-31/functions/echo-function/invocations", "\"fail\"");

    EXPECT_EQ(sent.status, 200u);
    EXPECT_EQ(header(sent, "X-Amz-Function-Error"), "Unhandled");
    auto body = boost::json::parse(sent.body).as_object();
    EXPECT_EQ(body.at("errorType").as_string(), "Custom.Failure");
}

TEST_F(LambdaServiceTest, InvokeAcceptsEncodedArn) {
    http::response sent = send(
        "POST",
        "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aecho-"
        "function%3Alive/invocations",
        "{}");

    EXPECT_EQ(sent.status, 200u);
}

TEST_F(LambdaServiceTest, InvokeErrorsHaveLambdaShape) {
    struct expectation {
        const char* target;
        std::string body;
        std::vector<http::header> headers;
        unsigned status;
        const char* type;
    };
    const expectation cases[] = {
        {"/2015-03-31/functions/nope/invocations", "{}", {}, 404, "ResourceNotFoundException"},
        {"/2015-03-31/functions/echo-function/invocations?Qualifier=3",
         "{}",
         {},
         404,
         "ResourceNotFoundException"},
        {"/2015-03-31/functions/echo-function/invocations",
         "{",
         {},
         400,
         "InvalidRequestContentException"},
        {"/2015-03-31/functions/bad%20name/invocations", "{}", {}, 400, "ValidationException"},
        {"/2015-03-31/functions/echo-function/invocations",
         "{}",
         {{"X-Amz-Invocation-Type", "Later"}},
         400,
         "ValidationException"},
        {"/2015-03-31/functions/echo-function/invocations",
         std::string(6 * 1024 * 1024 + 1, ' '),
         {},
         413,
         "RequestTooLargeException"},
        {"/2015-03-31/functions/echo-function/invocations",
         std::string(1024 * 1024 + 1, ' '),
         {{"X-Amz-Invocation-Type", "Event"}},
         413,
         "RequestTooLargeException"},
    };
    for (const auto& expected : cases) {
        http::response sent = send("POST", expected.target, expected.body, expected.headers);
        EXPECT_EQ(sent.status, expected.status) << expected.target;
        EXPECT_EQ(header(sent, "x-amzn-ErrorType"), expected.type) << expected.target;
        auto body = boost::json::parse(sent.body).as_object();
        EXPECT_EQ(body.at("Type").as_string(), "User") << expected.target;
        EXPECT_TRUE(body.contains("message")) << expected.target;
    }
}

TEST_F(LambdaServiceTest, ThrottledInvokeIs429) {
    http::response sent = send("POST", "/2015-03-31/functions/closed/invocations", "{}");

    EXPECT_EQ(sent.status, 429u);
    EXPECT_EQ(header(sent, "x-amzn-ErrorType"), "TooManyRequestsException");
    auto body = boost::json::parse(sent.body).as_object();
    EXPECT_EQ(body.at("Reason").as_string(), "ReservedFunctionConcurrentInvocationLimitExceeded");
    EXPECT_EQ(body.at("Type").as_string(), "User");
    EXPECT_EQ(body.at("message").as_string(), "Rate Exceeded.");
}

TEST_F(LambdaServiceTest, DryRunAndEventStatuses) {
    std::vector<http::header> dry_run{{"X-Amz-Invocation-Type", "DryRun"}};
    std::vector<http::header> event{{"X-Amz-Invocation-Type", "Event"}};

    EXPECT_EQ(send("POST", "/2015-03-31/functions/echo-function/invocations", "{}", dry_run).status,
              204u);
    EXPECT_EQ(send("POST", "/2015-03-31/functions/echo-function/invocations", "{}", event).status,
              202u);
}

TEST_F(LambdaServiceTest, ConcurrencyRoundTrip) {
    http::response put = send("PUT", "/2017-10-31/functions/echo-function/concurrency",
                              R"({"ReservedConcurrentExecutions": 5})");
    http::response got = send("GET", "/2019-09-30/functions/echo-function/concurrency");
    http::response deleted = send("DELETE", "/2017-10-31/functions/echo-function/concurrency");
    http::response after = send("GET", "/2019-09-30/functions/echo-function/concurrency");

    EXPECT_EQ(put.status, 200u);
    EXPECT_EQ(put.body, R"({"ReservedConcurrentExecutions":5})");
    EXPECT_EQ(got.body, R"({"ReservedConcurrentExecutions":5})");
    EXPECT_EQ(deleted.status, 204u);
    EXPECT_EQ(after.body, "{}");
}

TEST_F(LambdaServiceTest, ListsFunctionsByName) {
    http::response sent = send("GET", "/2015-03-31/functions/");

    EXPECT_EQ(sent.status, 200u);
    auto functions = boost::json::parse(sent.body).at("Functions").as_array();
    ASSERT_EQ(functions.size(), 2u);
    EXPECT_EQ(functions[0].at("FunctionName").as_string(), "closed");
    EXPECT_EQ(functions[1].at("FunctionName").as_string(), "echo-function");
    EXPECT_EQ(functions[1].at("FunctionArn").as_string(),
              "arn:aws:lambda:us-east-1:123456789012:function:echo-function");
}

}  // namespace
}  // namespace lambdad::lambda_api
