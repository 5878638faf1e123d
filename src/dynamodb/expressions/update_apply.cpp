#include "dynamodb/expressions/update_apply.hpp"

#include "dynamodb/expressions/evaluate.hpp"
#include "storage/decimal.hpp"

#include <algorithm>
#include <functional>

namespace lambdad::dynamodb::expr {
namespace {

using detail::update_action;
using kind = attribute_value::kind;

[[noreturn]] void throw_invalid_path() {
    throw validation_error(
        "The document path provided in the update expression is invalid for update");
}

[[noreturn]] void throw_wrong_type() {
    throw validation_error("An operand in the update expression has an incorrect data type");
}

attribute_value arithmetic(function_id function, const attribute_value& a,
                           const attribute_value& b) {
    if (a.type() != kind::N || b.type() != kind::N) {
        throw_wrong_type();
    }
    try {
        const auto x = storage::parse_decimal(a.scalar());
        const auto y = storage::parse_decimal(b.scalar());
        const auto result =
            function == function_id::plus ? storage::add(x, y) : storage::subtract(x, y);
        return attribute_value::number(storage::to_canonical_text(result));
    } catch (const std::invalid_argument& error) {
        // NOTE: DynamoDB's reply to a sum beyond 38 digits or the number range is not documented;
        // this reports the same message as storing such a number.
        throw validation_error(error.what());
    }
}

attribute_value evaluate_update_operand(const operand& value, const item& original) {
    switch (value.type) {
        case operand::kind::value:
            return value.value;
        case operand::kind::path: {
            const attribute_value* found = find_path(original, value.path);
            if (found == nullptr) {
                throw validation_error(
                    "The provided expression refers to an attribute that does not exist in the "
                    "item");
            }
            return *found;
        }
        case operand::kind::function:
            break;
    }
    const auto& args = value.arguments;
    if (value.function == function_id::if_not_exists) {
        const attribute_value* found = find_path(original, args[0].path);
        return found != nullptr ? *found : evaluate_update_operand(args[1], original);
    }
    const attribute_value left = evaluate_update_operand(args[0], original);
    const attribute_value right = evaluate_update_operand(args[1], original);
    if (value.function != function_id::list_append) {
        return arithmetic(value.function, left, right);
    }
    if (left.type() != kind::L || right.type() != kind::L) {
        throw_wrong_type();
    }
    std::vector<attribute_value> joined = left.elements();
    joined.insert(joined.end(), right.elements().begin(), right.elements().end());
    return attribute_value::list(std::move(joined));
}

// Rebuilds `container` with the value at path[position...] replaced by `value`. Only the last
// step may name something new: a new map key, or a list index past the end (which appends).
attribute_value set_in(const attribute_value& container, const document_path& path,
                       std::size_t position, const attribute_value& value) {
    const bool last = position + 1 == path.size();
    if (const auto* name = std::get_if<std::string>(&path[position])) {
        if (container.type() != kind::M) {
            throw_invalid_path();
        }
        item members = container.members();
        const auto found = members.find(*name);
        if (last) {
            members.insert_or_assign(*name, value);
        } else if (found == members.end()) {
            throw_invalid_path();
        } else {
            found->second = set_in(found->second, path, position + 1, value);
        }
        return attribute_value::map(std::move(members));
    }
    const std::size_t index = std::get<std::size_t>(path[position]);
    if (container.type() != kind::L) {
        throw_invalid_path();
    }
    std::vector<attribute_value> elements = container.elements();
    if (last && index >= elements.size()) {
        elements.push_back(value);
    } else if (index >= elements.size()) {
        throw_invalid_path();
    } else {
        elements[index] = last ? value : set_in(elements[index], path, position + 1, value);
    }
    return attribute_value::list(std::move(elements));
}

void set_path(item& target, const document_path& path, const attribute_value& value) {
    const std::string& top = std::get<std::string>(path.front());
    if (path.size() == 1) {
        target.insert_or_assign(top, value);
        return;
    }
    const auto found = target.find(top);
    if (found == target.end()) {
        throw_invalid_path();
    }
    found->second = set_in(found->second, path, 1, value);
}

// Rebuilds `container` without the value at path[position...]; nullopt when there is nothing
// to remove, which DynamoDB treats as success.
std::optional<attribute_value> remove_in(const attribute_value& container,
                                         const document_path& path, std::size_t position) {
    const bool last = position + 1 == path.size();
    if (const auto* name = std::get_if<std::string>(&path[position])) {
        if (container.type() != kind::M) {
            return std::nullopt;
        }
        item members = container.members();
        const auto found = members.find(*name);
        if (found == members.end()) {
            return std::nullopt;
        }
        if (last) {
            members.erase(found);
        } else {
            auto changed = remove_in(found->second, path, position + 1);
            if (!changed) {
                return std::nullopt;
            }
            found->second = std::move(*changed);
        }
        return attribute_value::map(std::move(members));
    }
    const std::size_t index = std::get<std::size_t>(path[position]);
    if (container.type() != kind::L || index >= container.elements().size()) {
        return std::nullopt;
    }
    std::vector<attribute_value> elements = container.elements();
    if (last) {
        elements.erase(elements.begin() + static_cast<std::ptrdiff_t>(index));
    } else {
        auto changed = remove_in(elements[index], path, position + 1);
        if (!changed) {
            return std::nullopt;
        }
        elements[index] = std::move(*changed);
    }
    return attribute_value::list(std::move(elements));
}

void remove_path(item& target, const document_path& path) {
    const auto found = target.find(std::get<std::string>(path.front()));
    if (found == target.end()) {
        return;
    }
    if (path.size() == 1) {
        target.erase(found);
        return;
    }
    if (auto changed = remove_in(found->second, path, 1)) {
        found->second = std::move(*changed);
    }
}

attribute_value make_set(kind type, std::vector<std::string> members) {
    switch (type) {
        case kind::SS:
            return attribute_value::string_set(std::move(members));
        case kind::NS:
            return attribute_value::number_set(members);
        default:
            return attribute_value::binary_set(std::move(members));
    }
}

bool is_set(kind type) {
    return type == kind::SS || type == kind::NS || type == kind::BS;
}

// ADD: numbers are summed (a missing attribute counts as 0) and sets are joined.
attribute_value add_value(const attribute_value* existing, const attribute_value& value) {
    if (value.type() != kind::N && !is_set(value.type())) {
        throw_wrong_type();
    }
    if (existing == nullptr) {
        return value;
    }
    if (existing->type() != value.type()) {
        throw_wrong_type();
    }
    if (value.type() == kind::N) {
        return arithmetic(function_id::plus, *existing, value);
    }
    std::vector<std::string> members = existing->set_members();
    members.insert(members.end(), value.set_members().begin(), value.set_members().end());
    return make_set(value.type(), std::move(members));
}

// DELETE: removes the given members; an emptied set makes the attribute disappear (nullopt).
std::optional<attribute_value> delete_value(const attribute_value& existing,
                                            const attribute_value& value) {
    if (existing.type() != value.type() || !is_set(value.type())) {
        throw_wrong_type();
    }
    std::vector<std::string> remaining;
    const auto& removed = value.set_members();
    for (const auto& member : existing.set_members()) {
        if (!std::binary_search(removed.begin(), removed.end(), member)) {
            remaining.push_back(member);
        }
    }
    if (remaining.empty()) {
        return std::nullopt;
    }
    return make_set(value.type(), std::move(remaining));
}

void apply_action(item& target, const update_action& action, const attribute_value& value) {
    const attribute_value* existing = find_path(target, action.path);
    if (action.type == update_action::kind::set) {
        set_path(target, action.path, value);
    } else if (action.type == update_action::kind::add) {
        set_path(target, action.path, add_value(existing, value));
    } else if (existing != nullptr) {
        auto remaining = delete_value(*existing, value);
        if (remaining) {
            set_path(target, action.path, *remaining);
        } else {
            remove_path(target, action.path);
        }
    }
}

}  // namespace

item apply_update_plan(const detail::update_plan& plan, const item& original) {
    // Values first, all from the original item, so that actions never see each other's results.
    std::vector<attribute_value> values;
    std::vector<const document_path*> removals;
    for (const auto& action : plan.actions) {
        if (action.type == update_action::kind::remove) {
            removals.push_back(&action.path);
            values.emplace_back();
        } else {
            values.push_back(evaluate_update_operand(action.value, original));
        }
    }
    item result = original;
    for (std::size_t i = 0; i < plan.actions.size(); ++i) {
        if (plan.actions[i].type != update_action::kind::remove) {
            apply_action(result, plan.actions[i], values[i]);
        }
    }
    // Higher list indexes first, so each removal still finds its original element.
    std::sort(removals.begin(), removals.end(),
              [](const document_path* a, const document_path* b) { return *b < *a; });
    for (const document_path* path : removals) {
        remove_path(result, *path);
    }
    return result;
}

}  // namespace lambdad::dynamodb::expr
