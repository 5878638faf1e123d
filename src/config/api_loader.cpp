#include "config/sections.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string_view>
#include <utility>

namespace lambdad::config {
namespace {

constexpr std::array<std::string_view, 8> route_methods = {"GET",   "POST", "PUT",     "DELETE",
                                                           "PATCH", "HEAD", "OPTIONS", "ANY"};

bool is_lower_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

bool is_param_name(std::string_view name) {
    if (name.empty()) {
        return false;
    }
    return std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '.';
    });
}

/// Returns why `path` is not a valid route path template, or an empty string when it is.
std::string check_route_path(std::string_view path) {
    if (path.empty() || path.front() != '/') {
        return "must start with /";
    }
    if (path == "/") {
        return {};
    }
    std::set<std::string_view> params;
    std::size_t start = 1;
    while (start <= path.size()) {
        std::size_t end = std::min(path.find('/', start), path.size());
        std::string_view segment = path.substr(start, end - start);
        bool last = end == path.size();
        if (segment.empty()) {
            return "must not contain an empty segment (// or a trailing /)";
        }
        if (segment.front() == '{' && segment.back() == '}') {
            std::string_view name = segment.substr(1, segment.size() - 2);
            bool greedy = !name.empty() && name.back() == '+';
            if (greedy) {
                name.remove_suffix(1);
                if (!last) {
                    return "a greedy {name+} segment must be the last one";
                }
            }
            if (!is_param_name(name)) {
                return "has an invalid parameter segment " + std::string(segment);
            }
            if (!params.insert(name).second) {
                return "names parameter " + std::string(name) + " twice";
            }
        } else if (segment.find_first_of("{}") != std::string_view::npos) {
            return "segment " + std::string(segment) + " must be either literal or {name}";
        }
        start = end + 1;
    }
    return {};
}

const function_config* find_function(const std::vector<function_config>& functions,
                                     const std::string& logical_id) {
    for (const auto& function : functions) {
        if (function.logical_id == logical_id) {
            return &function;
        }
    }
    return nullptr;
}

route_config read_route(const yaml_reader& reader, const yaml_entry& entry,
                        const std::vector<function_config>& functions) {
    auto entries = reader.map_entries(entry, {"method", "path", "function"});
    route_config route;
    bool has[3] = {false, false, false};
    for (const auto& child : entries) {
        if (child.key == "method") {
            has[0] = true;
            route.method = reader.text(child);
            if (std::find(route_methods.begin(), route_methods.end(), route.method) ==
                route_methods.end()) {
                reader.fail(child,
                            "must be one of GET, POST, PUT, DELETE, PATCH, HEAD, "
                            "OPTIONS or ANY");
            }
        } else if (child.key == "path") {
            has[1] = true;
            route.path = reader.text(child);
            if (auto reason = check_route_path(route.path); !reason.empty()) {
                reader.fail(child, reason);
            }
        } else if (child.key == "function") {
            has[2] = true;
            // A route names the function by logical id; `!Ref X` is accepted as the same.
            route.function = reader.ref_or_text(child);
            if (find_function(functions, route.function) == nullptr) {
                reader.fail(child, route.function + " is not a declared function");
            }
        }
    }
    if (!has[0] || !has[1] || !has[2]) {
        reader.fail(entry, "a route needs method, path and function");
    }
    return route;
}

void read_api_type(const yaml_reader& reader, const yaml_entry& child, api_config& api) {
    api.type = reader.text(child);
    if (api.type == "HTTP") {
        reader.fail(child, "HTTP APIs are not supported yet; use REST");
    }
    if (api.type != "REST") {
        reader.fail(child, "must be REST");
    }
}

void read_api_field(const yaml_reader& reader, const yaml_entry& child, api_config& api,
                    const std::vector<function_config>& functions) {
    if (child.key == "type") {
        read_api_type(reader, child, api);
    } else if (child.key == "stage") {
        api.stage = reader.text(child);
        // API Gateway API Reference, Stage (stageName): stage names contain only alphanumeric
        // characters, hyphens and underscores, at most 128 of them.
        bool valid = !api.stage.empty() && api.stage.size() <= 128 &&
                     std::all_of(api.stage.begin(), api.stage.end(), [](char c) {
                         return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
                     });
        if (!valid) {
            reader.fail(child, "must be 1 to 128 letters, digits, '-' or '_'");
        }
    } else if (child.key == "stage_variables") {
        api.stage_variables = reader.string_map(child);
    } else if (child.key == "api_id") {
        api.api_id = reader.text(child);
        if (api.api_id.size() != 10 ||
            !std::all_of(api.api_id.begin(), api.api_id.end(), is_lower_alnum)) {
            reader.fail(child, "must be 10 lower-case letters or digits");
        }
    } else if (child.key == "routes") {
        std::set<std::pair<std::string, std::string>> seen;
        for (const auto& item : reader.sequence_items(child)) {
            route_config route = read_route(reader, item, functions);
            if (!seen.emplace(route.method, route.path).second) {
                reader.fail(item, "duplicate route " + route.method + " " + route.path);
            }
            api.routes.push_back(std::move(route));
        }
    }
}

}  // namespace

std::string derive_api_id(const std::string& logical_id) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_size = 0;
    EVP_Digest(logical_id.data(), logical_id.size(), digest, &digest_size, EVP_sha256(), nullptr);
    constexpr std::string_view alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    std::string id;
    for (std::size_t i = 0; i < 10; ++i) {
        id += alphabet[digest[i] % alphabet.size()];
    }
    return id;
}

std::vector<api_config> load_apis(const yaml_reader& reader, const yaml_entry& apis,
                                  const std::vector<function_config>& functions) {
    std::vector<api_config> result;
    for (const auto& entry : reader.open_map_entries(apis)) {
        auto fields =
            reader.map_entries(entry, {"type", "stage", "stage_variables", "api_id", "routes"});
        api_config api;
        api.logical_id = entry.key;
        for (const auto& child : fields) {
            read_api_field(reader, child, api, functions);
        }
        if (api.api_id.empty()) {
            api.api_id = derive_api_id(api.logical_id);
        }
        result.push_back(std::move(api));
    }
    return result;
}

}  // namespace lambdad::config
