#include "apigw/route_table.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <utility>

namespace lambdad::apigw {

struct route_table::node {
    std::map<std::string, std::unique_ptr<node>, std::less<>> literals;
    std::string parameter_name;
    std::unique_ptr<node> parameter;
    std::string proxy_name;
    std::unique_ptr<node> proxy;
    /// Indexes into routes_ by method, and the ANY route.
    std::vector<std::pair<std::string_view, std::size_t>> methods;
    std::optional<std::size_t> any_method;

    bool has_routes() const { return !methods.empty() || any_method.has_value(); }
};

namespace {

/// One segment of a path template.
struct template_segment {
    enum class kind { literal, parameter, proxy } type = kind::literal;
    /// The literal text, or the parameter name without braces and `+`.
    std::string_view text;
};

[[noreturn]] void throw_invalid_route(const config::route_config& route, std::string_view why) {
    throw config::config_error("invalid route " + route.method + " " + route.path + ": " +
                               std::string(why));
}

bool is_parameter_name(std::string_view name) {
    if (name.empty()) {
        return false;
    }
    for (char c : name) {
        bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '_' || c == '-' || c == '.';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

template_segment parse_segment(const config::route_config& route, std::string_view text) {
    if (text.empty()) {
        throw_invalid_route(route, "the path has an empty segment");
    }
    if (text.front() != '{') {
        if (text.find_first_of("{}") != std::string_view::npos) {
            throw_invalid_route(route, "braces must enclose a whole path segment");
        }
        return {template_segment::kind::literal, text};
    }
    if (text.back() != '}') {
        throw_invalid_route(route, "braces must enclose a whole path segment");
    }
    std::string_view name = text.substr(1, text.size() - 2);
    auto type = template_segment::kind::parameter;
    if (!name.empty() && name.back() == '+') {
        type = template_segment::kind::proxy;
        name.remove_suffix(1);
    }
    if (!is_parameter_name(name)) {
        throw_invalid_route(route, "a path parameter name must be letters, digits, '_', '-', '.'");
    }
    return {type, name};
}

std::vector<template_segment> parse_template(const config::route_config& route) {
    std::string_view path = route.path;
    if (path.empty() || path.front() != '/') {
        throw_invalid_route(route, "the path must start with '/'");
    }
    std::vector<template_segment> segments;
    if (path == "/") {
        return segments;
    }
    std::size_t position = 1;
    while (true) {
        std::size_t slash = path.find('/', position);
        std::size_t end = slash == std::string_view::npos ? path.size() : slash;
        segments.push_back(parse_segment(route, path.substr(position, end - position)));
        if (slash == std::string_view::npos) {
            break;
        }
        position = slash + 1;
    }
    for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
        if (segments[i].type == template_segment::kind::proxy) {
            throw_invalid_route(route, "a greedy {name+} parameter must be the last segment");
        }
    }
    return segments;
}

/// Returns the child for a parameter segment, creating it; sibling parameters share one name.
route_table::node& variable_child(std::unique_ptr<route_table::node>& child,
                                  std::string& child_name, std::string_view name,
                                  const config::route_config& route) {
    if (!child) {
        child = std::make_unique<route_table::node>();
        child_name = std::string(name);
    } else if (child_name != name) {
        throw_invalid_route(
            route, "a sibling resource already uses the path parameter {" + child_name + "}");
    }
    return *child;
}

/// Derives a stable six-character id from the resource path (FNV-1a, base 36).
std::string make_resource_id(std::string_view resource) {
    std::uint64_t hash = 14695981039346656037ULL;
    for (char c : resource) {
        hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    }
    static constexpr char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::string id(6, '0');
    for (char& c : id) {
        c = digits[hash % 36];
        hash /= 36;
    }
    return id;
}

/// Walks `config`'s path template down from `root`, creating nodes, and registers the route
/// at the node it ends on.
void add_route(route_table::node& root, const config::route_config& config, std::size_t index,
               std::string_view method) {
    route_table::node* current = &root;
    for (const auto& segment : parse_template(config)) {
        switch (segment.type) {
            case template_segment::kind::literal: {
                auto& child = current->literals[std::string(segment.text)];
                if (!child) {
                    child = std::make_unique<route_table::node>();
                }
                current = child.get();
                break;
            }
            case template_segment::kind::parameter:
                current = &variable_child(current->parameter, current->parameter_name, segment.text,
                                          config);
                break;
            case template_segment::kind::proxy:
                current =
                    &variable_child(current->proxy, current->proxy_name, segment.text, config);
                break;
        }
    }
    bool duplicate = false;
    if (method == "ANY") {
        duplicate = current->any_method.has_value();
        current->any_method = index;
    } else {
        for (const auto& entry : current->methods) {
            duplicate = duplicate || entry.first == method;
        }
        current->methods.emplace_back(method, index);
    }
    if (duplicate) {
        throw_invalid_route(config, "another route has the same method and path");
    }
}

}  // namespace

route_table::route_table(const std::vector<config::route_config>& routes, routing_rules rules,
                         std::string_view default_payload_version)
    : root_(std::make_unique<node>()), rules_(rules) {
    routes_.reserve(routes.size());
    for (const auto& config : routes) {
        bool is_default = config.path == "$default";
        std::string_view version = config.payload_format_version.empty()
                                       ? default_payload_version
                                       : std::string_view(config.payload_format_version);
        routes_.push_back({is_default ? "ANY" : config.method, config.path, config.function,
                           make_resource_id(config.path),
                           is_default ? config.path : config.method + " " + config.path,
                           version == "2.0"});
    }
    for (std::size_t index = 0; index < routes.size(); ++index) {
        const auto& config = routes[index];
        if (config.path == "$default") {
            if (default_route_) {
                throw_invalid_route(config, "there is already a $default route");
            }
            default_route_ = index;
            continue;
        }
        add_route(*root_, config, index, routes_[index].method);
    }
}

route_table::~route_table() = default;
route_table::route_table(route_table&&) noexcept = default;
route_table& route_table::operator=(route_table&&) noexcept = default;

const route* route_table::route_for_method(const node& current, std::string_view method) const {
    for (const auto& [route_method, index] : current.methods) {
        if (route_method == method) {
            return &routes_[index];
        }
    }
    return current.any_method ? &routes_[*current.any_method] : nullptr;
}

// Depth-first, literal before parameter before greedy, so that the first route found is the
// most specific one. `position` is where the next segment starts; `end` excludes one trailing
// slash.
bool route_table::match_http(const node& current, std::string_view method, std::string_view path,
                             std::size_t position, std::size_t end, bool greedy,
                             route_match& result) const {
    if (position >= end) {
        result.target = route_for_method(current, method);
        return result.target != nullptr;
    }
    std::size_t slash = path.find('/', position);
    if (slash == std::string_view::npos || slash > end) {
        slash = end;
    }
    std::string_view segment = path.substr(position, slash - position);
    std::size_t next = slash < end ? slash + 1 : end;
    if (auto literal = current.literals.find(segment); literal != current.literals.end()) {
        if (match_http(*literal->second, method, path, next, end, greedy, result)) {
            return true;
        }
    }
    if (current.parameter && !segment.empty()) {
        result.parameters.push_back({current.parameter_name, segment});
        if (match_http(*current.parameter, method, path, next, end, greedy, result)) {
            return true;
        }
        result.parameters.pop_back();
    }
    if (greedy && current.proxy) {
        if (const route* found = route_for_method(*current.proxy, method)) {
            result.parameters.push_back(
                {current.proxy_name, path.substr(position, end - position)});
            result.target = found;
            return true;
        }
    }
    return false;
}

route_match route_table::match(std::string_view method, std::string_view path) const {
    route_match result;
    if (path.empty() || path.front() != '/') {
        return result;
    }
    std::size_t end = path.size();
    if (end > 1 && path[end - 1] == '/') {
        --end;
    }
    if (rules_ == routing_rules::http) {
        if (match_http(*root_, method, path, 1, end, false, result) ||
            match_http(*root_, method, path, 1, end, true, result)) {
            result.status = match_status::matched;
        } else if (default_route_) {
            result.status = match_status::matched;
            result.target = &routes_[*default_route_];
        }
        return result;
    }

    const node* current = root_.get();
    std::size_t position = 1;
    while (position <= end && end > 1) {
        std::size_t slash = path.find('/', position);
        if (slash == std::string_view::npos || slash > end) {
            slash = end;
        }
        std::string_view segment = path.substr(position, slash - position);
        if (auto literal = current->literals.find(segment); literal != current->literals.end()) {
            current = literal->second.get();
        } else if (current->parameter && !segment.empty()) {
            result.parameters.push_back({current->parameter_name, segment});
            current = current->parameter.get();
        } else if (current->proxy && position < end) {
            result.parameters.push_back(
                {current->proxy_name, path.substr(position, end - position)});
            current = current->proxy.get();
            break;
        } else {
            result.parameters.clear();
            return result;
        }
        if (slash >= end) {
            break;
        }
        position = slash + 1;
    }

    for (const auto& [route_method, index] : current->methods) {
        if (route_method == method) {
            result.status = match_status::matched;
            result.target = &routes_[index];
            return result;
        }
    }
    if (current->any_method) {
        result.status = match_status::matched;
        result.target = &routes_[*current->any_method];
        return result;
    }
    result.status = current->has_routes() ? match_status::no_method : match_status::no_resource;
    result.parameters.clear();
    return result;
}

}  // namespace lambdad::apigw
