#include "apigw/route_table.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace {

using lambdad::apigw::match_status;
using lambdad::apigw::route_match;
using lambdad::apigw::route_table;
using lambdad::config::route_config;

route_table make_table(std::vector<route_config> routes) {
    return route_table(routes);
}

std::map<std::string, std::string> parameters_of(const route_match& match) {
    std::map<std::string, std::string> parameters;
    for (const auto& parameter : match.parameters) {
        parameters[std::string(parameter.name)] = std::string(parameter.value);
    }
    return parameters;
}

std::string resource_of(const route_match& match) {
    return match.target ? match.target->resource : std::string("<none>");
}

}  // namespace

TEST(RouteTable, MatchesLiteralPath) {
    auto table = make_table({{"GET", "/users", "F"}, {"POST", "/users", "G"}});
    auto get = table.match("GET", "/users");
    ASSERT_TRUE(get.matched());
    EXPECT_EQ(get.target->function, "F");
    EXPECT_TRUE(get.parameters.empty());
    auto post = table.match("POST", "/users");
    ASSERT_TRUE(post.matched());
    EXPECT_EQ(post.target->function, "G");
}

TEST(RouteTable, MatchesRootResource) {
    auto table = make_table({{"GET", "/", "F"}});
    EXPECT_TRUE(table.match("GET", "/").matched());
    EXPECT_EQ(table.match("GET", "/x").status, match_status::no_resource);
}

TEST(RouteTable, CapturesPathParameterUndecoded) {
    auto table = make_table({{"GET", "/users/{userid}", "F"}});
    auto match = table.match("GET", "/users/a%20b");
    ASSERT_TRUE(match.matched());
    EXPECT_EQ(match.target->resource, "/users/{userid}");
    EXPECT_EQ(parameters_of(match), (std::map<std::string, std::string>{{"userid", "a%20b"}}));
}

TEST(RouteTable, CapturesSeveralParameters) {
    auto table = make_table({{"GET", "/users/{userid}/posts/{postid}", "F"}});
    auto match = table.match("GET", "/users/7/posts/9");
    ASSERT_TRUE(match.matched());
    EXPECT_EQ(parameters_of(match),
              (std::map<std::string, std::string>{{"userid", "7"}, {"postid", "9"}}));
}

TEST(RouteTable, LiteralBeatsParameter) {
    auto table = make_table({{"GET", "/users/{userid}", "ById"}, {"GET", "/users/me", "Me"}});
    auto me = table.match("GET", "/users/me");
    ASSERT_TRUE(me.matched());
    EXPECT_EQ(me.target->function, "Me");
    EXPECT_TRUE(me.parameters.empty());
    auto other = table.match("GET", "/users/you");
    ASSERT_TRUE(other.matched());
    EXPECT_EQ(other.target->function, "ById");
}

TEST(RouteTable, ParameterBeatsProxy) {
    auto table = make_table({{"GET", "/files/{proxy+}", "Proxy"}, {"GET", "/files/{name}", "One"}});
    auto one = table.match("GET", "/files/a.txt");
    ASSERT_TRUE(one.matched());
    EXPECT_EQ(one.target->function, "One");
}

TEST(RouteTable, MatchesGreedyProxyPath) {
    auto table = make_table({{"ANY", "/files/{proxy+}", "F"}});
    auto match = table.match("GET", "/files/a/b/c.txt");
    ASSERT_TRUE(match.matched());
    EXPECT_EQ(match.target->resource, "/files/{proxy+}");
    EXPECT_EQ(parameters_of(match), (std::map<std::string, std::string>{{"proxy", "a/b/c.txt"}}));
}

TEST(RouteTable, ProxyValueDropsTrailingSlash) {
    auto table = make_table({{"GET", "/files/{proxy+}", "F"}});
    auto match = table.match("GET", "/files/a/b/");
    ASSERT_TRUE(match.matched());
    EXPECT_EQ(parameters_of(match), (std::map<std::string, std::string>{{"proxy", "a/b"}}));
}

TEST(RouteTable, ProxyNeedsAtLeastOneSegment) {
    auto table = make_table({{"GET", "/files/{proxy+}", "F"}});
    EXPECT_FALSE(table.match("GET", "/files").matched());
    EXPECT_FALSE(table.match("GET", "/files/").matched());
}

TEST(RouteTable, RootProxySkipsSiblingSubtrees) {
    auto table = make_table({{"ANY", "/{proxy+}", "Proxy"}, {"GET", "/users/{userid}", "Users"}});
    auto other = table.match("GET", "/orders/1");
    ASSERT_TRUE(other.matched());
    EXPECT_EQ(other.target->function, "Proxy");
    auto user = table.match("GET", "/users/1");
    ASSERT_TRUE(user.matched());
    EXPECT_EQ(user.target->function, "Users");
    // The /users subtree has its own resources, so the proxy does not cover what it lacks.
    EXPECT_FALSE(table.match("GET", "/users/1/extra").matched());
    EXPECT_FALSE(table.match("POST", "/users/1").matched());
    EXPECT_FALSE(table.match("GET", "/users").matched());
}

TEST(RouteTable, AnyCatchesOtherMethods) {
    auto table = make_table({{"ANY", "/items", "Any"}, {"GET", "/items", "Get"}});
    EXPECT_EQ(table.match("GET", "/items").target->function, "Get");
    EXPECT_EQ(table.match("DELETE", "/items").target->function, "Any");
    EXPECT_EQ(table.match("PATCH", "/items").target->function, "Any");
}

TEST(RouteTable, ReportsMissingMethod) {
    auto table = make_table({{"GET", "/users/{userid}", "F"}});
    auto match = table.match("PUT", "/users/7");
    EXPECT_EQ(match.status, match_status::no_method);
    EXPECT_EQ(match.target, nullptr);
    EXPECT_TRUE(match.parameters.empty());
}

TEST(RouteTable, MethodIsCaseSensitive) {
    auto table = make_table({{"GET", "/users", "F"}});
    EXPECT_EQ(table.match("get", "/users").status, match_status::no_method);
}

TEST(RouteTable, ReportsNoResource) {
    auto table = make_table({{"GET", "/users/{userid}", "F"}});
    EXPECT_EQ(table.match("GET", "/orders").status, match_status::no_resource);
    EXPECT_EQ(table.match("GET", "/users/7/posts").status, match_status::no_resource);
    EXPECT_EQ(table.match("GET", "").status, match_status::no_resource);
    EXPECT_EQ(table.match("GET", "users").status, match_status::no_resource);
    // /users exists only as the parent of /users/{userid}, with no method of its own.
    EXPECT_EQ(table.match("GET", "/users").status, match_status::no_resource);
}

TEST(RouteTable, IgnoresOneTrailingSlash) {
    auto table = make_table({{"GET", "/users", "List"}, {"GET", "/users/{userid}", "One"}});
    auto list = table.match("GET", "/users/");
    ASSERT_TRUE(list.matched());
    EXPECT_EQ(list.target->function, "List");
    auto one = table.match("GET", "/users/7/");
    ASSERT_TRUE(one.matched());
    EXPECT_EQ(parameters_of(one), (std::map<std::string, std::string>{{"userid", "7"}}));
    EXPECT_FALSE(table.match("GET", "/users//").matched());
}

TEST(RouteTable, EmptySegmentMatchesNoParameter) {
    auto table = make_table({{"GET", "/users/{userid}/posts", "F"}});
    EXPECT_FALSE(table.match("GET", "/users//posts").matched());
}

TEST(RouteTable, RejectsDuplicateRoute) {
    EXPECT_THROW(make_table({{"GET", "/users", "F"}, {"GET", "/users", "G"}}),
                 lambdad::config::config_error);
    EXPECT_THROW(make_table({{"ANY", "/users", "F"}, {"ANY", "/users", "G"}}),
                 lambdad::config::config_error);
}

TEST(RouteTable, RejectsSiblingParameterNames) {
    EXPECT_THROW(make_table({{"GET", "/users/{id}", "F"}, {"PUT", "/users/{userid}", "G"}}),
                 lambdad::config::config_error);
}

TEST(RouteTable, RejectsInvalidTemplates) {
    for (const char* path :
         {"users", "", "/users/", "/a//b", "/{proxy+}/x", "/{}", "/x{id}", "/{a b}", "/{id"}) {
        EXPECT_THROW(make_table({{"GET", path, "F"}}), lambdad::config::config_error) << path;
    }
}

TEST(RouteTable, KeepsRoutesInOrderWithResourceIds) {
    auto table = make_table({{"GET", "/users", "F"}, {"GET", "/users/{userid}", "F"}});
    ASSERT_EQ(table.routes().size(), 2u);
    EXPECT_EQ(table.routes()[0].resource, "/users");
    EXPECT_EQ(table.routes()[0].resource_id.size(), 6u);
    EXPECT_NE(table.routes()[0].resource_id, table.routes()[1].resource_id);
    EXPECT_EQ(resource_of(table.match("GET", "/users/1")), "/users/{userid}");
}

namespace {

// The routes of "Create routes for HTTP APIs in API Gateway", routing API requests.
route_table make_http_table() {
    return route_table({{"GET", "/pets/dog/1", "Exact"},
                        {"GET", "/pets/dog/{id}", "Param"},
                        {"GET", "/pets/{proxy+}", "Greedy"},
                        {"ANY", "/{proxy+}", "Any"},
                        {"", "$default", "Default"}},
                       lambdad::apigw::routing_rules::http, "2.0");
}

std::string function_of(const route_match& match) {
    return match.target ? match.target->function : std::string("<none>");
}

}  // namespace

TEST(RouteTable, HttpRulesPreferMostSpecific) {
    auto table = make_http_table();
    EXPECT_EQ(function_of(table.match("GET", "/pets/dog/1")), "Exact");
    EXPECT_EQ(function_of(table.match("GET", "/pets/dog/2")), "Param");
    EXPECT_EQ(function_of(table.match("GET", "/pets/cat/1")), "Greedy");
    EXPECT_EQ(function_of(table.match("POST", "/pets/cat")), "Any");
    EXPECT_EQ(function_of(table.match("GET", "/")), "Default");
}

TEST(RouteTable, HttpRulesFullMatchBeatsGreedy) {
    route_table table({{"GET", "/a/{proxy+}", "Greedy"}, {"GET", "/{x}/b", "Full"}},
                      lambdad::apigw::routing_rules::http, "2.0");
    auto match = table.match("GET", "/a/b");
    EXPECT_EQ(function_of(match), "Full");
    EXPECT_EQ(parameters_of(match), (std::map<std::string, std::string>{{"x", "a"}}));
}

TEST(RouteTable, HttpRouteKeysAndPayload) {
    auto table = make_http_table();
    auto match = table.match("GET", "/pets/dog/2");
    ASSERT_TRUE(match.matched());
    EXPECT_EQ(match.target->route_key, "GET /pets/dog/{id}");
    EXPECT_TRUE(match.target->payload_v2);
    EXPECT_EQ(table.match("PUT", "/").target->route_key, "$default");
}

TEST(RouteTable, HttpRulesWithoutDefaultMissing) {
    route_table table({{"GET", "/a", "A"}}, lambdad::apigw::routing_rules::http, "2.0");
    EXPECT_FALSE(table.match("POST", "/a").matched());
    EXPECT_FALSE(table.match("GET", "/b").matched());
}
