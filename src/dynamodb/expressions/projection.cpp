#include "dynamodb/expressions/expressions.hpp"

#include <map>

namespace lambdad::dynamodb::expr {
namespace {

// The projected paths as a tree: each node selects either its whole value or some of its map
// keys or list elements.
struct selection {
    bool whole = false;
    std::map<std::string, selection, std::less<>> names;
    std::map<std::size_t, selection> indexes;
};

selection build_selection(const std::vector<document_path>& paths) {
    selection root;
    for (const auto& path : paths) {
        selection* current = &root;
        for (const auto& element : path) {
            if (const auto* name = std::get_if<std::string>(&element)) {
                current = &current->names[*name];
            } else {
                current = &current->indexes[std::get<std::size_t>(element)];
            }
        }
        current->whole = true;
    }
    return root;
}

std::optional<attribute_value> project_value(const attribute_value& value, const selection& chosen);

item project_members(const item& members, const selection& chosen) {
    item result;
    for (const auto& [name, child] : chosen.names) {
        const auto found = members.find(name);
        if (found == members.end()) {
            continue;
        }
        if (auto projected = project_value(found->second, child)) {
            result.emplace(name, std::move(*projected));
        }
    }
    return result;
}

// Recursion follows the value, so its depth is bounded by the item's nesting depth.
std::optional<attribute_value> project_value(const attribute_value& value,
                                             const selection& chosen) {
    if (chosen.whole) {
        return value;
    }
    if (!chosen.names.empty() && value.type() == attribute_value::kind::M) {
        item members = project_members(value.members(), chosen);
        if (!members.empty()) {
            return attribute_value::map(std::move(members));
        }
    }
    if (!chosen.indexes.empty() && value.type() == attribute_value::kind::L) {
        std::vector<attribute_value> elements;
        for (const auto& [index, child] : chosen.indexes) {
            if (index >= value.elements().size()) {
                break;
            }
            if (auto projected = project_value(value.elements()[index], child)) {
                elements.push_back(std::move(*projected));
            }
        }
        if (!elements.empty()) {
            return attribute_value::list(std::move(elements));
        }
    }
    return std::nullopt;
}

}  // namespace

projection::projection(std::vector<document_path> paths) : paths_(std::move(paths)) {}

item projection::apply(const item& source) const {
    return project_members(source, build_selection(paths_));
}

}  // namespace lambdad::dynamodb::expr
