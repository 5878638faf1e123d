#include "config/config.hpp"
#include "config/sections.hpp"
#include "config/yaml_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace lambdad::config {
namespace {

bool is_name_char(char c, std::string_view extra) {
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alnum || extra.find(c) != std::string_view::npos;
}

bool is_valid_name(const std::string& name, std::size_t min, std::size_t max,
                   std::string_view extra) {
    if (name.size() < min || name.size() > max) {
        return false;
    }
    for (char c : name) {
        if (!is_name_char(c, extra)) {
            return false;
        }
    }
    return true;
}

/// Finds the entry `key` among `entries`, or nullptr.
const yaml_entry* find_key(const std::vector<yaml_entry>& entries, std::string_view key) {
    for (const auto& entry : entries) {
        if (entry.key == key) {
            return &entry;
        }
    }
    return nullptr;
}

/// Reads a `name:` entry, or returns the logical id when there is none.
std::string read_name(const yaml_reader& reader, const std::vector<yaml_entry>& entries,
                      const std::string& logical_id) {
    const yaml_entry* name = find_key(entries, "name");
    if (name == nullptr) {
        return logical_id;
    }
    return reader.plain_text(*name, "!Ref cannot be used for a name");
}

key_attribute read_key_attribute(const yaml_reader& reader, const yaml_entry& entry) {
    auto entries = reader.map_entries(entry, {"name", "type"});
    const yaml_entry* name = find_key(entries, "name");
    const yaml_entry* type = find_key(entries, "type");
    if (name == nullptr || type == nullptr) {
        reader.fail(entry, "must have both name and type, for example {name: id, type: S}");
    }
    key_attribute key;
    key.name = reader.text(*name);
    if (key.name.empty()) {
        reader.fail(*name, "must not be empty");
    }
    std::string type_text = reader.text(*type);
    if (type_text == "S") {
        key.type = attribute_value::kind::S;
    } else if (type_text == "N") {
        key.type = attribute_value::kind::N;
    } else if (type_text == "B") {
        key.type = attribute_value::kind::B;
    } else {
        reader.fail(*type, "must be S, N or B");
    }
    return key;
}

table_config read_table(const yaml_reader& reader, const yaml_entry& entry) {
    auto entries = reader.map_entries(entry, {"name", "hash_key", "range_key"});
    table_config table;
    table.logical_id = entry.key;
    table.name = read_name(reader, entries, entry.key);
    for (const auto& child : entries) {
        if (child.key == "name") {
            // DynamoDB Developer Guide, naming rules: table names are 3 to 255 characters of
            // a-z, A-Z, 0-9, '_', '-' and '.'.
            if (!is_valid_name(table.name, 3, 255, "_-.")) {
                reader.fail(child, "must be 3 to 255 letters, digits, '_', '-' or '.'");
            }
        } else if (child.key == "hash_key") {
            table.key.hash_key = read_key_attribute(reader, child);
        } else if (child.key == "range_key") {
            table.key.range_key = read_key_attribute(reader, child);
        }
    }
    if (find_key(entries, "hash_key") == nullptr) {
        reader.fail(entry, "hash_key is required");
    }
    return table;
}

/// Reads the keys that shape a function's execution environments and concurrency.
void read_function_lifecycle_field(const yaml_reader& reader, const yaml_entry& child,
                                   function_config& function) {
    if (child.key == "init_timeout") {
        function.init_timeout = std::chrono::seconds(
            reader.integer(child, 1, 900, "must be a number of seconds from 1 to 900"));
    } else if (child.key == "idle_timeout") {
        function.idle_timeout = std::chrono::seconds(
            reader.integer(child, 1, 86'400, "must be a number of seconds from 1 to 86400"));
    } else if (child.key == "provisioned_concurrency") {
        function.provisioned_concurrency = static_cast<std::uint32_t>(
            reader.integer(child, 0, 1000, "must be a whole number from 0 to 1000"));
    } else if (child.key == "aliases") {
        for (const auto& item : reader.sequence_items(child)) {
            std::string alias = reader.plain_text(item, "!Ref cannot be used for an alias");
            // Lambda's CreateAlias reference: an alias name is 1 to 128 letters, digits, '-'
            // or '_', and not only digits, which would read as a version number.
            bool digits_only = std::all_of(alias.begin(), alias.end(),
                                           [](char c) { return c >= '0' && c <= '9'; });
            if (!is_valid_name(alias, 1, 128, "_-") || digits_only) {
                reader.fail(item, "must be 1 to 128 letters, digits, '_' or '-', not only digits");
            }
            function.aliases.push_back(std::move(alias));
        }
    }
}

void read_function_field(const yaml_reader& reader, const yaml_entry& child,
                         function_config& function) {
    if (child.key == "module") {
        function.module = reader.text(child);
    } else if (child.key == "library") {
        function.library = reader.text(child);
    } else if (child.key == "environment") {
        function.environment = reader.string_map(child);
    } else if (child.key == "options") {
        function.options = reader.string_map(child);
    } else if (child.key == "timeout") {
        auto seconds = reader.integer(child, 1, 900, "must be a number of seconds from 1 to 900");
        function.timeout = std::chrono::seconds(seconds);
    } else if (child.key == "memory_size") {
        function.memory_size_mb = static_cast<std::uint32_t>(
            reader.integer(child, 128, 10'240, "must be a number of MB from 128 to 10240"));
    } else if (child.key == "reserved_concurrency") {
        function.reserved_concurrency = static_cast<std::uint32_t>(
            reader.integer(child, 0, 1000, "must be a whole number from 0 to 1000"));
    } else {
        read_function_lifecycle_field(reader, child, function);
    }
}

function_config read_function(const yaml_reader& reader, const yaml_entry& entry) {
    auto entries =
        reader.map_entries(entry, {"name", "module", "library", "environment", "options", "timeout",
                                   "memory_size", "reserved_concurrency", "init_timeout",
                                   "idle_timeout", "provisioned_concurrency", "aliases"});
    function_config function;
    function.logical_id = entry.key;
    function.name = read_name(reader, entries, entry.key);
    if (const yaml_entry* name = find_key(entries, "name")) {
        // Lambda's CreateFunction reference: a bare function name is at most 64 letters,
        // digits, hyphens and underscores.
        if (!is_valid_name(function.name, 1, 64, "_-")) {
            reader.fail(*name, "must be 1 to 64 letters, digits, '_' or '-'");
        }
    }
    for (const auto& child : entries) {
        read_function_field(reader, child, function);
    }
    const yaml_entry* module = find_key(entries, "module");
    const yaml_entry* library = find_key(entries, "library");
    if (module != nullptr && library != nullptr) {
        reader.fail(*library, "cannot be set together with module; use one of them");
    }
    if (module == nullptr) {
        module = library;
    }
    if (module == nullptr) {
        reader.fail(entry, "module (a built-in module) or library (a module file) is required");
    }
    if (function.module.empty() && function.library.empty()) {
        reader.fail(*module, "must not be empty");
    }
    function.module_location = reader.location(*module);
    if (const yaml_entry* provisioned = find_key(entries, "provisioned_concurrency")) {
        // Lambda's PutProvisionedConcurrencyConfig: provisioned concurrency cannot exceed the
        // function's reserved concurrency.
        if (function.reserved_concurrency &&
            function.provisioned_concurrency > *function.reserved_concurrency) {
            reader.fail(*provisioned, "must not exceed reserved_concurrency");
        }
    }
    return function;
}

/// Registers the `!Ref` names of every table and function, before any other value is read.
void register_refs(yaml_reader& reader, const std::vector<yaml_entry>& top) {
    std::set<std::string> seen;
    for (std::string_view section : {"tables", "functions"}) {
        const yaml_entry* entry = find_key(top, section);
        if (entry == nullptr) {
            continue;
        }
        for (const auto& child : reader.open_map_entries(*entry)) {
            if (!seen.insert(child.key).second) {
                reader.fail(child, "logical id is already used by a table or function");
            }
            auto fields =
                child.node.IsMap() ? reader.open_map_entries(child) : std::vector<yaml_entry>{};
            reader.add_ref(child.key, read_name(reader, fields, child.key));
        }
    }
}

/// Reads the `account:` section: settings of the Lambda account that all functions share.
void read_account(const yaml_reader& reader, const yaml_entry& entry, daemon_config& config) {
    for (const auto& child : reader.map_entries(entry, {"concurrent_executions"})) {
        config.account_concurrency_limit = static_cast<std::uint32_t>(reader.integer(
            child, 1, 100'000, "must be a whole number of invocations from 1 to 100000"));
    }
}

daemon_config read_document(yaml_reader& reader, const yaml_entry& document,
                            const std::string& source) {
    auto top = reader.map_entries(document, {"tables", "functions", "apis", "account", "http"});
    register_refs(reader, top);

    daemon_config config;
    config.source = source;
    if (const yaml_entry* tables = find_key(top, "tables")) {
        for (const auto& child : reader.open_map_entries(*tables)) {
            config.tables.push_back(read_table(reader, child));
        }
    }
    if (const yaml_entry* functions = find_key(top, "functions")) {
        for (const auto& child : reader.open_map_entries(*functions)) {
            config.functions.push_back(read_function(reader, child));
        }
    }
    if (const yaml_entry* apis = find_key(top, "apis")) {
        config.apis = load_apis(reader, *apis, config.functions);
    }
    if (const yaml_entry* account = find_key(top, "account")) {
        read_account(reader, *account, config);
    }
    if (const yaml_entry* http = find_key(top, "http")) {
        config.http = load_http_limits(reader, *http);
    }
    return config;
}

}  // namespace

daemon_config load_text(const std::string& text, const std::string& source) {
    yaml_reader reader(source);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& error) {
        reader.fail_at(error.mark, "invalid YAML: " + error.msg);
    }
    if (root.IsNull()) {
        reader.fail_at(YAML::Mark(), "the configuration is empty");
    }
    return read_document(reader, yaml_entry{root, root.Mark(), {}, {}}, source);
}

daemon_config load_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        throw config_error(path + ": cannot be opened: " + std::strerror(errno));
    }
    std::ostringstream text;
    text << file.rdbuf();
    if (file.bad()) {
        throw config_error(path + ": cannot be read: " + std::strerror(errno));
    }
    daemon_config config = load_text(text.str(), path);
    // A module library's path is relative to the file that names it, not to the current directory.
    std::filesystem::path directory = std::filesystem::path(path).parent_path();
    for (auto& function : config.functions) {
        if (!function.library.empty() && std::filesystem::path(function.library).is_relative()) {
            function.library = (directory / function.library).lexically_normal().string();
        }
    }
    return config;
}

}  // namespace lambdad::config
