#pragma once

#include "config/config.hpp"

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lambdad::apigw {

/// One route of a REST API, as configured.
struct route {
    /// An HTTP method in upper case, or "ANY".
    std::string method;
    /// The resource path template, for example `/users/{userid}`.
    std::string resource;
    /// The logical id of the function that serves the route.
    std::string function;
    /// The six-character resource id of `resource`, as in API Gateway's `resourceId`.
    std::string resource_id;
    /// `METHOD /resource`, or `$default` for an HTTP API's catch-all route.
    std::string route_key;
    /// Whether the function gets payload format 2.0 (HTTP APIs only) rather than 1.0.
    bool payload_v2 = false;
};

/// How a table picks a route.
enum class routing_rules {
    /// REST APIs: a tree walk without backtracking ("Set up a method request").
    rest,
    /// HTTP APIs: the most specific full match, then a greedy path variable, then the
    /// `$default` route ("Create routes for HTTP APIs in API Gateway").
    http,
};

/// A path parameter of a matched request. `name` points into the route table and `value` into
/// the matched path, still percent-encoded.
struct path_parameter {
    std::string_view name;
    std::string_view value;
};

/// The kind of outcome of matching a request path and method.
enum class match_status {
    /// A route serves the request.
    matched,
    /// No resource matches the path.
    no_resource,
    /// A resource matches the path but has no route for the method, and no ANY route.
    no_method,
};

/// The outcome of route_table::match.
struct route_match {
    match_status status = match_status::no_resource;
    /// The route when `status` is matched, else null.
    const route* target = nullptr;
    std::vector<path_parameter> parameters;

    bool matched() const { return status == match_status::matched; }
};

/// The routes of one API as a tree of path segments, matched the way API Gateway does.
///
/// At each segment a literal child wins over a `{param}` child, which wins over a `{proxy+}`
/// child that takes the rest of the path. With REST rules matching never backtracks, so a
/// `{proxy+}` does not cover a sibling subtree that has its own resources. With HTTP rules a
/// route whose method fits is searched for among every path match, full matches before greedy
/// ones, and the `$default` route takes what is left. One trailing slash is ignored, so
/// `/users/` matches `/users`. Immutable after construction and safe to share between threads.
class route_table {
public:
    /// Builds the table. Throws config::config_error when a path template is invalid, when two
    /// routes have the same method and resource, or when sibling parameters differ in name.
    /// `default_payload_version` applies to routes without a payload format of their own.
    explicit route_table(const std::vector<config::route_config>& routes,
                         routing_rules rules = routing_rules::rest,
                         std::string_view default_payload_version = "1.0");
    ~route_table();
    route_table(route_table&&) noexcept;
    route_table& operator=(route_table&&) noexcept;

    /// Matches `path`, the raw request path without stage and query string. The returned
    /// parameters point into `path` and into this table.
    route_match match(std::string_view method, std::string_view path) const;

    /// Every route in configuration order.
    const std::vector<route>& routes() const { return routes_; }

    struct node;

private:
    bool match_http(const node& current, std::string_view method, std::string_view path,
                    std::size_t position, std::size_t end, bool greedy, route_match& result) const;
    const route* route_for_method(const node& current, std::string_view method) const;

    std::vector<route> routes_;
    std::unique_ptr<node> root_;
    routing_rules rules_;
    /// Index of the `$default` route in routes_, if any.
    std::optional<std::size_t> default_route_;
};

}  // namespace lambdad::apigw
