#pragma once

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lambdad::config {

/// A YAML node with the place it came from: the mark of its key (or of the node itself for
/// sequence items and the document) and its dotted key path, for error messages.
struct yaml_entry {
    YAML::Node node;
    YAML::Mark mark;
    std::string path;
    /// The key under which the node appeared; empty for sequence items and the document.
    std::string key;
};

/// Reads typed values out of a parsed configuration and raises config_error with the
/// `<source>:<line>:<column>: <key path>: <reason>` format.
class yaml_reader {
public:
    explicit yaml_reader(std::string source) : source_(std::move(source)) {}

    /// Raises config_error at `entry`.
    [[noreturn]] void fail(const yaml_entry& entry, std::string_view reason) const;
    /// Returns `<source>:<line>:<column>: <key path>` of `entry`, as error messages begin.
    std::string location(const yaml_entry& entry) const;
    /// Raises config_error at a mark with no key path.
    [[noreturn]] void fail_at(const YAML::Mark& mark, std::string_view reason) const;

    /// Returns the entries of the map `entry`; raises on a non-map, a duplicate key or a key
    /// not in `allowed`. A null node (an empty value) is an empty map.
    std::vector<yaml_entry> map_entries(const yaml_entry& entry,
                                        std::initializer_list<std::string_view> allowed) const;
    /// Returns the entries of the map `entry` whose keys may be any non-empty name.
    std::vector<yaml_entry> open_map_entries(const yaml_entry& entry) const;
    /// Returns the items of the sequence `entry`; a null node is an empty sequence.
    std::vector<yaml_entry> sequence_items(const yaml_entry& entry) const;

    /// Returns a scalar's text, resolving `!Ref X` to the name registered for X.
    std::string text(const yaml_entry& entry) const;
    /// Returns a plain scalar's text; `!Ref` is rejected with `why_no_ref`.
    std::string plain_text(const yaml_entry& entry, std::string_view why_no_ref) const;
    /// Returns `!Ref X`'s X, or a plain scalar's text when the node has no tag.
    std::string ref_or_text(const yaml_entry& entry) const;
    /// Returns an integer in [min, max]; anything else raises `reason`.
    std::int64_t integer(const yaml_entry& entry, std::int64_t min, std::int64_t max,
                         std::string_view reason) const;
    /// Returns a map of names to scalar texts, such as `environment`.
    std::map<std::string, std::string> string_map(const yaml_entry& entry) const;

    /// Makes `!Ref logical_id` resolve to `name`.
    void add_ref(const std::string& logical_id, const std::string& name);
    /// Whether `!Ref logical_id` resolves.
    bool has_ref(const std::string& logical_id) const;

private:
    std::string source_;
    std::map<std::string, std::string> refs_;
};

/// The tag yaml-cpp gives `!Ref X`.
inline constexpr std::string_view ref_tag = "!Ref";

}  // namespace lambdad::config
