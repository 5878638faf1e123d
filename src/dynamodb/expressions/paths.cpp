#include "dynamodb/expressions/parser.hpp"

namespace lambdad::dynamodb::expr {

path_registry::path_registry() : nodes_(1) {}

// Two paths overlap when one is a prefix of the other, and conflict when they agree up to a
// step where one takes a map key and the other a list index.
void path_registry::add(const document_path& path, parser& owner) {
    // Every path is kept, so that nodes created before a clash still name a stored path.
    paths_.push_back(path);
    const std::size_t id = paths_.size() - 1;
    std::size_t current = 0;
    for (const auto& element : path) {
        if (const auto terminal = nodes_[current].terminal) {
            record_clash(owner, false, *terminal, path);
            return;
        }
        const auto found = nodes_[current].children.find(element);
        if (found != nodes_[current].children.end()) {
            current = found->second;
            continue;
        }
        // All children of a node have the same step type, because a clashing step is never added.
        const auto& children = nodes_[current].children;
        if (!children.empty() && children.begin()->first.index() != element.index()) {
            record_clash(owner, true, nodes_[children.begin()->second].first_path, path);
            return;
        }
        nodes_.push_back(node{{}, std::nullopt, id});
        nodes_[current].children.emplace(element, nodes_.size() - 1);
        current = nodes_.size() - 1;
    }
    if (nodes_[current].terminal || !nodes_[current].children.empty()) {
        record_clash(owner, false, nodes_[current].terminal.value_or(nodes_[current].first_path),
                     path);
        return;
    }
    nodes_[current].terminal = id;
}

void path_registry::record_clash(parser& owner, bool conflict, std::size_t earlier,
                                 const document_path& path) const {
    const std::string paths =
        "must remove or rewrite one of these paths; path one: " + to_string(paths_[earlier]) +
        ", path two: " + to_string(path);
    if (conflict) {
        owner.record(error_kind::path_conflict,
                     "Two document paths conflict with each other; " + paths);
    } else {
        owner.record(error_kind::path_overlap,
                     "Two document paths overlap with each other; " + paths);
    }
}

}  // namespace lambdad::dynamodb::expr
