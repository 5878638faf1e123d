#include "config/yaml_reader.hpp"

#include "config/config.hpp"

#include <algorithm>
#include <set>

namespace lambdad::config {
namespace {

bool is_plain_tag(const std::string& tag) {
    // yaml-cpp tags untagged plain scalars "?" and untagged quoted scalars "!".
    return tag.empty() || tag == "?" || tag == "!" || tag == "tag:yaml.org,2002:str";
}

std::string join_allowed(std::initializer_list<std::string_view> allowed) {
    std::string joined;
    for (auto key : allowed) {
        joined += joined.empty() ? "" : ", ";
        joined += key;
    }
    return joined;
}

yaml_entry child_entry(const yaml_entry& parent, const YAML::Node& key, const YAML::Node& value) {
    std::string name = key.IsScalar() ? key.Scalar() : std::string();
    std::string path = parent.path.empty() ? name : parent.path + "." + name;
    return yaml_entry{value, key.Mark(), std::move(path), name};
}

}  // namespace

std::string yaml_reader::location(const yaml_entry& entry) const {
    std::string text = source_ + ":" + std::to_string(entry.mark.line + 1) + ":" +
                       std::to_string(entry.mark.column + 1);
    if (!entry.path.empty()) {
        text += ": " + entry.path;
    }
    return text;
}

void yaml_reader::fail(const yaml_entry& entry, std::string_view reason) const {
    throw config_error(location(entry) + ": " + std::string(reason));
}

void yaml_reader::fail_at(const YAML::Mark& mark, std::string_view reason) const {
    fail(yaml_entry{YAML::Node(), mark, {}, {}}, reason);
}

std::vector<yaml_entry> yaml_reader::open_map_entries(const yaml_entry& entry) const {
    if (entry.node.IsNull()) {
        return {};
    }
    if (!entry.node.IsMap()) {
        fail(entry, "must be a mapping of names to values");
    }
    std::vector<yaml_entry> entries;
    std::set<std::string> seen;
    for (const auto& pair : entry.node) {
        yaml_entry child = child_entry(entry, pair.first, pair.second);
        if (!pair.first.IsScalar() || child.key.empty()) {
            fail(child, "keys must be non-empty names");
        }
        if (!seen.insert(child.key).second) {
            fail(child, "duplicate key");
        }
        entries.push_back(std::move(child));
    }
    return entries;
}

std::vector<yaml_entry> yaml_reader::map_entries(
    const yaml_entry& entry, std::initializer_list<std::string_view> allowed) const {
    std::vector<yaml_entry> entries = open_map_entries(entry);
    for (const auto& child : entries) {
        if (std::find(allowed.begin(), allowed.end(), child.key) == allowed.end()) {
            fail(child, "unknown key; expected one of: " + join_allowed(allowed));
        }
    }
    return entries;
}

std::vector<yaml_entry> yaml_reader::sequence_items(const yaml_entry& entry) const {
    if (entry.node.IsNull()) {
        return {};
    }
    if (!entry.node.IsSequence()) {
        fail(entry, "must be a list");
    }
    std::vector<yaml_entry> items;
    std::size_t index = 0;
    for (const auto& item : entry.node) {
        std::string path = entry.path + "[" + std::to_string(index++) + "]";
        items.push_back(yaml_entry{item, item.Mark(), std::move(path), {}});
    }
    return items;
}

std::string yaml_reader::ref_or_text(const yaml_entry& entry) const {
    if (entry.node.IsNull() || !entry.node.IsDefined()) {
        fail(entry, "is missing a value");
    }
    if (!entry.node.IsScalar()) {
        fail(entry, "must be a string");
    }
    const std::string& tag = entry.node.Tag();
    if (tag != ref_tag && !is_plain_tag(tag)) {
        fail(entry, "unsupported tag " + tag + "; only !Ref is supported");
    }
    return entry.node.Scalar();
}

std::string yaml_reader::text(const yaml_entry& entry) const {
    std::string value = ref_or_text(entry);
    if (entry.node.Tag() != ref_tag) {
        return value;
    }
    auto found = refs_.find(value);
    if (found == refs_.end()) {
        fail(entry, "!Ref " + value + " names no declared table or function");
    }
    return found->second;
}

std::string yaml_reader::plain_text(const yaml_entry& entry, std::string_view why_no_ref) const {
    std::string value = ref_or_text(entry);
    if (entry.node.Tag() == ref_tag) {
        fail(entry, why_no_ref);
    }
    return value;
}

std::int64_t yaml_reader::integer(const yaml_entry& entry, std::int64_t min, std::int64_t max,
                                  std::string_view reason) const {
    if (!entry.node.IsScalar() || !is_plain_tag(entry.node.Tag())) {
        fail(entry, reason);
    }
    std::int64_t value = 0;
    if (!YAML::convert<std::int64_t>::decode(entry.node, value) || value < min || value > max) {
        fail(entry, reason);
    }
    return value;
}

std::map<std::string, std::string> yaml_reader::string_map(const yaml_entry& entry) const {
    std::map<std::string, std::string> values;
    for (const auto& child : open_map_entries(entry)) {
        values.emplace(child.key, text(child));
    }
    return values;
}

void yaml_reader::add_ref(const std::string& logical_id, const std::string& name) {
    refs_.emplace(logical_id, name);
}

bool yaml_reader::has_ref(const std::string& logical_id) const {
    return refs_.count(logical_id) != 0;
}

}  // namespace lambdad::config
