#pragma once

#include "dynamodb/service.hpp"
#include "storage/database.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace lambdad::dynamodb {

/// A DynamoDB service on an in-memory database, called synchronously.
class ServiceTest : public ::testing::Test {
protected:
    ServiceTest()
        : database_(storage::database_options{"", true}),
          service_(database_, [](std::function<void()> work) { work(); }) {}

    /// Runs `operation` with a JSON body; returns the HTTP response.
    http::response call(const std::string& operation, const std::string& body) {
        return service_.call(std::string(target_prefix) + operation, body, "test-request");
    }

    /// Parses a response body; items may nest deeper than Boost.JSON's default limit of 32.
    static boost::json::object parse_body(const std::string& body) {
        boost::json::parse_options options;
        options.max_depth = 1024;
        return boost::json::parse(body, {}, options).as_object();
    }

    /// Runs an operation that must succeed and returns its parsed body.
    boost::json::object ok(const std::string& operation, const std::string& body) {
        const auto response = call(operation, body);
        EXPECT_EQ(response.status, 200u) << operation << ": " << response.body;
        return parse_body(response.body);
    }

    /// Runs an operation that must fail with HTTP 400; returns the parsed error body.
    boost::json::object fail(const std::string& operation, const std::string& body) {
        const auto response = call(operation, body);
        EXPECT_EQ(response.status, 400u) << operation << ": " << response.body;
        return parse_body(response.body);
    }

    static std::string message(const boost::json::object& error) {
        const auto* text = error.if_contains("message");
        return text ? std::string(text->as_string()) : "";
    }

    static std::string type(const boost::json::object& error) {
        return std::string(error.at("__type").as_string());
    }

    /// Creates table `name` with a string hash key `pk` and, when `sorted`, a number range
    /// key `sk`.
    void create_table(const std::string& name, bool sorted) {
        std::string body = R"({"TableName":")" + name +
                           R"(","BillingMode":"PAY_PER_REQUEST","AttributeDefinitions":[)"
                           R"({"AttributeName":"pk","AttributeType":"S"})";
        body += sorted ? R"(,{"AttributeName":"sk","AttributeType":"N"}],)" : "],";
        body += R"("KeySchema":[{"AttributeName":"pk","KeyType":"HASH"})";
        body += sorted ? R"(,{"AttributeName":"sk","KeyType":"RANGE"}]})" : "]}";
        ok("CreateTable", body);
    }

    storage::database database_;
    service service_;
};

}  // namespace lambdad::dynamodb
