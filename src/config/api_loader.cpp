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

/// The route key of an HTTP API's catch-all route, and the stage served without a path prefix
/// ("Create routes for HTTP APIs in API Gateway", "Working with stages for HTTP APIs").
constexpr std::string_view default_route_key = "$default";
constexpr std::string_view default_stage_name = "$default";

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

void check_payload_format(const yaml_reader& reader, const yaml_entry& entry,
                          const std::string& version) {
    // "Create AWS Lambda proxy integrations for HTTP APIs in API Gateway": the supported
    // payload format versions are 1.0 and 2.0.
    if (version != "1.0" && version != "2.0") {
        reader.fail(entry, "must be 1.0 or 2.0");
    }
}

route_config read_route(const yaml_reader& reader, const yaml_entry& entry,
                        const std::vector<function_config>& functions) {
    auto entries =
        reader.map_entries(entry, {"method", "path", "function", "payload_format_version"});
    route_config route;
    const yaml_entry* method_entry = nullptr;
    bool has_path = false;
    bool has_function = false;
    for (const auto& child : entries) {
        if (child.key == "method") {
            method_entry = &child;
            route.method = reader.text(child);
            if (std::find(route_methods.begin(), route_methods.end(), route.method) ==
                route_methods.end()) {
                reader.fail(child,
                            "must be one of GET, POST, PUT, DELETE, PATCH, HEAD, "
                            "OPTIONS or ANY");
            }
        } else if (child.key == "path") {
            has_path = true;
            route.path = reader.text(child);
            if (route.path == default_route_key) {
                continue;
            }
            if (auto reason = check_route_path(route.path); !reason.empty()) {
                reader.fail(child, reason);
            }
        } else if (child.key == "function") {
            has_function = true;
            // A route names the function by logical id; `!Ref X` is accepted as the same.
            route.function = reader.ref_or_text(child);
            if (find_function(functions, route.function) == nullptr) {
                reader.fail(child, route.function + " is not a declared function");
            }
        } else if (child.key == "payload_format_version") {
            route.payload_format_version = reader.text(child);
            check_payload_format(reader, child, route.payload_format_version);
        }
    }
    if (route.path == default_route_key) {
        // The $default route catches every method, so it has none of its own.
        if (method_entry != nullptr) {
            reader.fail(*method_entry, "the $default route takes no method");
        }
    } else if (method_entry == nullptr || !has_path || !has_function) {
        reader.fail(entry, "a route needs method, path and function");
    }
    if (!has_function) {
        reader.fail(entry, "a route needs a function");
    }
    return route;
}

void read_api_type(const yaml_reader& reader, const yaml_entry& child, api_config& api) {
    api.type = reader.text(child);
    if (api.type != "REST" && api.type != "HTTP") {
        reader.fail(child, "must be REST or HTTP");
    }
}

bool is_valid_stage_name(const std::string& stage) {
    // API Gateway API Reference, Stage (stageName): stage names contain only alphanumeric
    // characters, hyphens and underscores, at most 128 of them.
    return !stage.empty() && stage.size() <= 128 &&
           std::all_of(stage.begin(), stage.end(), [](char c) {
               return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
           });
}

std::vector<std::string> read_text_list(const yaml_reader& reader, const yaml_entry& entry) {
    std::vector<std::string> values;
    for (const auto& item : reader.sequence_items(entry)) {
        values.push_back(reader.text(item));
    }
    return values;
}

bool read_boolean(const yaml_reader& reader, const yaml_entry& entry) {
    std::string value = reader.text(entry);
    if (value != "true" && value != "false") {
        reader.fail(entry, "must be true or false");
    }
    return value == "true";
}

cors_config read_cors(const yaml_reader& reader, const yaml_entry& entry) {
    cors_config cors;
    for (const auto& child :
         reader.map_entries(entry, {"allow_origins", "allow_methods", "allow_headers",
                                    "expose_headers", "max_age", "allow_credentials"})) {
        if (child.key == "allow_origins") {
            cors.allow_origins = read_text_list(reader, child);
        } else if (child.key == "allow_methods") {
            cors.allow_methods = read_text_list(reader, child);
        } else if (child.key == "allow_headers") {
            cors.allow_headers = read_text_list(reader, child);
        } else if (child.key == "expose_headers") {
            cors.expose_headers = read_text_list(reader, child);
        } else if (child.key == "max_age") {
            // API Gateway v2 API Reference, Cors (maxAge): -1 to 86400 seconds.
            cors.max_age_s = reader.integer(child, -1, 86'400, "must be -1 to 86400 seconds");
        } else if (child.key == "allow_credentials") {
            cors.allow_credentials = read_boolean(reader, child);
        }
    }
    return cors;
}

void read_api_field(const yaml_reader& reader, const yaml_entry& child, api_config& api,
                    const std::vector<function_config>& functions) {
    if (child.key == "type") {
        read_api_type(reader, child, api);
    } else if (child.key == "stage") {
        api.stage = reader.text(child);
        if (api.stage != default_stage_name && !is_valid_stage_name(api.stage)) {
            reader.fail(child, "must be $default or 1 to 128 letters, digits, '-' or '_'");
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
    } else if (child.key == "payload_format_version") {
        api.payload_format_version = reader.text(child);
        check_payload_format(reader, child, api.payload_format_version);
    } else if (child.key == "binary_media_types") {
        api.binary_media_types = read_text_list(reader, child);
    } else if (child.key == "cors") {
        api.cors = read_cors(reader, child);
    } else if (child.key == "integration_timeout_ms") {
        // "Amazon API Gateway quotas": the integration timeout is 50 ms to 29 s on REST APIs
        // and 30 s at most on HTTP APIs. This reader accepts up to 30 s, and finish_api
        // narrows the range for REST APIs.
        api.integration_timeout = std::chrono::milliseconds(
            reader.integer(child, 50, 30'000, "must be 50 to 30000 milliseconds"));
    } else if (child.key == "port") {
        api.port = static_cast<std::uint16_t>(
            reader.integer(child, 1, 65'535, "must be a port number from 1 to 65535"));
    }
}

/// Applies the defaults that depend on the API type and checks the fields that only one type
/// allows.
void finish_api(const yaml_reader& reader, const std::vector<yaml_entry>& fields, api_config& api) {
    auto field = [&fields](std::string_view key) -> const yaml_entry* {
        for (const auto& entry : fields) {
            if (entry.key == key) {
                return &entry;
            }
        }
        return nullptr;
    };
    if (api.is_http_api()) {
        if (!field("stage")) {
            api.stage = std::string(default_stage_name);
        }
        if (!field("payload_format_version")) {
            api.payload_format_version = "2.0";
        }
        if (!field("integration_timeout_ms")) {
            api.integration_timeout = std::chrono::milliseconds(30'000);
        }
        if (const yaml_entry* entry = field("binary_media_types")) {
            reader.fail(*entry, "only REST APIs have binary media types");
        }
        return;
    }
    if (api.stage == default_stage_name) {
        reader.fail(*field("stage"), "$default is a stage of HTTP APIs only");
    }
    if (const yaml_entry* entry = field("payload_format_version");
        entry && api.payload_format_version != "1.0") {
        reader.fail(*entry, "REST APIs use payload format 1.0 only");
    }
    if (const yaml_entry* entry = field("integration_timeout_ms");
        entry && api.integration_timeout > std::chrono::milliseconds(29'000)) {
        reader.fail(*entry, "must be 50 to 29000 milliseconds on a REST API");
    }
    for (const auto& route : api.routes) {
        if (route.path == default_route_key || !route.payload_format_version.empty()) {
            reader.fail(*field("routes"),
                        "$default routes and payload_format_version are for HTTP APIs only");
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
            reader.map_entries(entry, {"type", "stage", "stage_variables", "api_id", "routes",
                                       "payload_format_version", "binary_media_types", "cors",
                                       "integration_timeout_ms", "port"});
        api_config api;
        api.logical_id = entry.key;
        for (const auto& child : fields) {
            read_api_field(reader, child, api, functions);
        }
        finish_api(reader, fields, api);
        if (api.api_id.empty()) {
            api.api_id = derive_api_id(api.logical_id);
        }
        result.push_back(std::move(api));
    }
    return result;
}

http_limits load_http_limits(const yaml_reader& reader, const yaml_entry& http) {
    http_limits limits;
    auto milliseconds = [&reader](const yaml_entry& entry) {
        return std::chrono::milliseconds(
            reader.integer(entry, 100, 3'600'000, "must be 100 to 3600000 milliseconds"));
    };
    for (const auto& child :
         reader.map_entries(http, {"header_timeout_ms", "body_timeout_ms", "idle_timeout_ms",
                                   "max_connections", "shutdown_grace_ms"})) {
        if (child.key == "header_timeout_ms") {
            limits.header_timeout = milliseconds(child);
        } else if (child.key == "body_timeout_ms") {
            limits.body_timeout = milliseconds(child);
        } else if (child.key == "idle_timeout_ms") {
            limits.idle_timeout = milliseconds(child);
        } else if (child.key == "shutdown_grace_ms") {
            limits.shutdown_grace = milliseconds(child);
        } else if (child.key == "max_connections") {
            limits.max_connections = static_cast<std::size_t>(
                reader.integer(child, 1, 100'000, "must be a whole number from 1 to 100000"));
        }
    }
    return limits;
}

}  // namespace lambdad::config
