#include "apigw/gateway.hpp"

#include "apigw/headers.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace {

namespace json = boost::json;
using lambdad::http::request;
using lambdad::http::response;

class no_tables : public lambdad::table_provider {
public:
    std::shared_ptr<lambdad::table> open_table(std::string_view) override {
        throw std::runtime_error("the gateway tests have no tables");
    }
};

using handler_function = std::function<std::string(std::string_view event)>;

class function_environment : public lambdad::environment {
public:
    explicit function_environment(handler_function handler) : handler_(std::move(handler)) {}

    std::string invoke(std::string_view event, const lambdad::invocation_context&) override {
        return handler_(event);
    }

private:
    handler_function handler_;
};

/// A gateway over one API (stage Prod) whose routes all call one function, run inline.
class GatewayTest : public ::testing::Test {
protected:
    void make_gateway(handler_function handler, std::optional<std::uint32_t> concurrency = {}) {
        lambdad::config::function_config function;
        function.logical_id = "UsersFunction";
        function.name = "UsersFunction";
        function.module = "test";
        function.reserved_concurrency = concurrency;
        auto factory = [handler](const lambdad::init_context&) {
            return std::make_unique<function_environment>(handler);
        };
        auto inline_executor = [](std::function<void()> work) { work(); };
        auto pool = std::make_shared<lambdad::lambda::function_pool>(function, factory, tables_,
                                                                     inline_executor);

        lambdad::config::api_config api;
        api.logical_id = "UsersApi";
        api.api_id = "abcdefghij";
        api.stage = "Prod";
        api.routes = {{"GET", "/users", "UsersFunction"},
                      {"GET", "/users/{userid}", "UsersFunction"},
                      {"PUT", "/users/{userid}", "UsersFunction"}};
        gateway_.emplace(std::vector<lambdad::config::api_config>{api},
                         lambdad::apigw::function_map{{"UsersFunction", pool}});
    }

    response send(std::string method, std::string target, std::string body = {}) {
        request message;
        message.method = std::move(method);
        message.target = std::move(target);
        message.headers = {{"Host", "localhost:3000"}, {"User-Agent", "test"}};
        message.body = std::move(body);
        message.remote_address = "127.0.0.1";
        // Functions run on their environments' own threads, so the answer comes from another
        // thread.
        auto answer = std::make_shared<std::promise<response>>();
        std::future<response> answered = answer->get_future();
        gateway_->handle(std::move(message),
                         [answer](response sent) { answer->set_value(std::move(sent)); });
        if (answered.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
            ADD_FAILURE() << "the gateway did not answer within 30 s";
            return response{};
        }
        return answered.get();
    }

    static std::string header(const response& sent, std::string_view name) {
        return std::string(lambdad::apigw::find_header(sent.headers, name).value_or("<absent>"));
    }

    no_tables tables_;
    std::optional<lambdad::apigw::gateway> gateway_;
};

std::string echo_event(std::string_view event) {
    json::object answer;
    answer["statusCode"] = 200;
    answer["headers"] = json::object{{"Content-Type", "application/json"}};
    answer["body"] = std::string(event);
    return json::serialize(answer);
}

}  // namespace

TEST_F(GatewayTest, InvokesFunctionWithEvent) {
    make_gateway(echo_event);
    response sent = send("GET", "/Prod/users/7?x=1");
    ASSERT_EQ(sent.status, 200u);
    auto event = json::parse(sent.body).as_object();
    EXPECT_EQ(event.at("resource"), "/users/{userid}");
    EXPECT_EQ(event.at("path"), "/users/7");
    EXPECT_EQ(event.at("pathParameters"), (json::object{{"userid", "7"}}));
    EXPECT_EQ(event.at("queryStringParameters"), (json::object{{"x", "1"}}));
    EXPECT_EQ(event.at("requestContext").at("stage"), "Prod");
}

TEST_F(GatewayTest, RequestIdMatchesEventAndHeader) {
    make_gateway(echo_event);
    response sent = send("GET", "/users");
    ASSERT_EQ(sent.status, 200u);
    auto context = json::parse(sent.body).at("requestContext").as_object();
    EXPECT_EQ(header(sent, "x-amzn-RequestId"), context.at("requestId").as_string().c_str());
    EXPECT_EQ(header(sent, "x-amz-apigw-id"), context.at("extendedRequestId").as_string().c_str());
    EXPECT_EQ(header(sent, "x-amzn-RequestId").size(), 36u);
    EXPECT_EQ(header(sent, "x-amz-apigw-id").size(), 16u);
}

TEST_F(GatewayTest, RequestIdsDifferPerRequest) {
    make_gateway(echo_event);
    EXPECT_NE(header(send("GET", "/users"), "x-amzn-RequestId"),
              header(send("GET", "/users"), "x-amzn-RequestId"));
}

TEST_F(GatewayTest, PassesStatusHeadersAndBody) {
    make_gateway([](std::string_view) {
        return std::string(R"({"statusCode":201,"headers":{"X-A":"1"},"body":"made"})");
    });
    response sent = send("PUT", "/Prod/users/7", R"({"name":"Ann"})");
    EXPECT_EQ(sent.status, 201u);
    EXPECT_EQ(sent.body, "made");
    EXPECT_EQ(header(sent, "X-A"), "1");
    EXPECT_EQ(header(sent, "Content-Type"), "application/json");
}

TEST_F(GatewayTest, UnknownPathIsMissingAuthenticationToken) {
    make_gateway(echo_event);
    for (const char* target : {"/Prod/orders", "/orders", "/", "/Prod/users/7/x"}) {
        response sent = send("GET", target);
        EXPECT_EQ(sent.status, 403u) << target;
        EXPECT_EQ(sent.body, R"({"message":"Missing Authentication Token"})") << target;
        EXPECT_EQ(header(sent, "x-amzn-ErrorType"), "MissingAuthenticationTokenException");
        EXPECT_EQ(header(sent, "Content-Type"), "application/json");
        EXPECT_EQ(header(sent, "x-amzn-RequestId").size(), 36u);
    }
}

TEST_F(GatewayTest, UnknownMethodIsMissingAuthenticationToken) {
    make_gateway(echo_event);
    response sent = send("DELETE", "/Prod/users/7");
    EXPECT_EQ(sent.status, 403u);
    EXPECT_EQ(sent.body, R"({"message":"Missing Authentication Token"})");
}

TEST_F(GatewayTest, FunctionErrorIsBadGateway) {
    make_gateway([](std::string_view) -> std::string {
        throw lambdad::function_error("ValidationError", "bad input");
    });
    response sent = send("GET", "/Prod/users/7");
    EXPECT_EQ(sent.status, 502u);
    EXPECT_EQ(sent.body, R"({"message": "Internal server error"})");
    EXPECT_EQ(header(sent, "Content-Type"), "application/json");
    EXPECT_EQ(header(sent, "x-amzn-RequestId").size(), 36u);
}

TEST_F(GatewayTest, MalformedAnswerIsBadGateway) {
    make_gateway([](std::string_view) { return std::string(R"({"body":{"not":"a string"}})"); });
    response sent = send("GET", "/Prod/users/7");
    EXPECT_EQ(sent.status, 502u);
    EXPECT_EQ(sent.body, R"({"message": "Internal server error"})");
    EXPECT_EQ(header(sent, "x-amz-apigw-id").size(), 16u);
}

TEST_F(GatewayTest, ThrottledInvocationIsInternalError) {
    make_gateway(echo_event, 0);
    response sent = send("GET", "/Prod/users/7");
    EXPECT_EQ(sent.status, 500u);
    EXPECT_EQ(sent.body, R"({"message": "Internal server error"})");
    EXPECT_EQ(header(sent, "Content-Type"), "application/json");
}

TEST_F(GatewayTest, TooLargeResponse) {
    make_gateway(echo_event);
    request message;
    message.method = "POST";
    message.target = "/Prod/users";
    response sent = gateway_->too_large(message);
    EXPECT_EQ(sent.status, 413u);
    EXPECT_EQ(sent.body, R"({"message":"Request Too Long"})");
    EXPECT_EQ(header(sent, "Content-Type"), "application/json");
    EXPECT_EQ(header(sent, "x-amzn-RequestId").size(), 36u);
}

TEST_F(GatewayTest, DescribesRoutesWithStage) {
    make_gateway(echo_event);
    auto lines = gateway_->describe_routes("http://127.0.0.1:3000");
    ASSERT_EQ(lines.size(), 4u);
    EXPECT_EQ(lines[0].rfind("API ", 0), 0u) << lines[0];
    EXPECT_NE(lines[0].find("http://127.0.0.1:3000/restapis/"), std::string::npos) << lines[0];
    EXPECT_NE(lines[0].find(".execute-api.localhost:3000/Prod/"), std::string::npos) << lines[0];
    EXPECT_EQ(lines[1], "GET http://127.0.0.1:3000/Prod/users -> UsersFunction");
    EXPECT_EQ(lines[2], "GET http://127.0.0.1:3000/Prod/users/{userid} -> UsersFunction");
}

TEST(Gateway, RejectsUnknownFunction) {
    lambdad::config::api_config api;
    api.logical_id = "Api";
    api.routes = {{"GET", "/x", "Missing"}};
    EXPECT_THROW(lambdad::apigw::gateway({api}, {}), lambdad::config::config_error);
}
