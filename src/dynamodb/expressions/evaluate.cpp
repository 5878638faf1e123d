#include "dynamodb/expressions/evaluate.hpp"

#include "dynamodb/expressions/compare.hpp"

#include <algorithm>

namespace lambdad::dynamodb::expr {
namespace {

using detail::condition_node;
using kind = attribute_value::kind;

bool is_set(kind type) {
    return type == kind::SS || type == kind::NS || type == kind::BS;
}

kind set_element_kind(kind set_type) {
    return set_type == kind::SS ? kind::S : (set_type == kind::NS ? kind::N : kind::B);
}

// The length of a string in UTF-16 code units, which DynamoDB's size() returns for strings
// (ExtendDB's maintainers measured `size("é𝄞") = 3` against DynamoDB). Every UTF-8 byte that is
// not a continuation byte starts a character, and only 4-byte sequences need a surrogate pair.
std::size_t utf16_length(const std::string& text) {
    std::size_t length = 0;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if ((byte & 0xC0) != 0x80) {
            length += byte >= 0xF0 ? 2 : 1;
        }
    }
    return length;
}

// The size() function, from the Developer Guide page "Condition and filter expressions,
// operators, and functions": string length, binary byte count, or the element count of a set,
// list or map.
std::optional<std::size_t> size_of(const attribute_value& value) {
    switch (value.type()) {
        case kind::S:
            return utf16_length(value.scalar());
        case kind::B:
            return value.scalar().size();
        case kind::SS:
        case kind::NS:
        case kind::BS:
            return value.set_members().size();
        case kind::L:
            return value.elements().size();
        case kind::M:
            return value.members().size();
        default:
            return std::nullopt;
    }
}

bool compare_values(comparator op, const attribute_value* a, const attribute_value* b) {
    if (op == comparator::equal) {
        return a != nullptr && b != nullptr && *a == *b;
    }
    if (op == comparator::not_equal) {
        // A missing attribute is unequal to every value, even to another missing one (as
        // ExtendDB's maintainers measured against DynamoDB).
        return a == nullptr || b == nullptr || !(*a == *b);
    }
    if (a == nullptr || b == nullptr) {
        return false;
    }
    const auto order = compare_ordered(*a, *b);
    if (!order) {
        return false;
    }
    switch (op) {
        case comparator::less:
            return *order < 0;
        case comparator::less_or_equal:
            return *order <= 0;
        case comparator::greater:
            return *order > 0;
        default:
            return *order >= 0;
    }
}

bool begins_with(const attribute_value* value, const attribute_value* prefix) {
    if (value == nullptr || prefix == nullptr || value->type() != prefix->type() ||
        (value->type() != kind::S && value->type() != kind::B)) {
        return false;
    }
    return value->scalar().starts_with(prefix->scalar());
}

bool contains(const attribute_value* container, const attribute_value* element) {
    if (container == nullptr || element == nullptr) {
        return false;
    }
    const kind type = container->type();
    if (type == kind::S || type == kind::B) {
        return element->type() == type &&
               container->scalar().find(element->scalar()) != std::string::npos;
    }
    if (is_set(type)) {
        if (element->type() != set_element_kind(type)) {
            return false;
        }
        const auto& members = container->set_members();
        return std::any_of(members.begin(), members.end(), [&](const std::string& member) {
            const auto candidate = type == kind::SS   ? attribute_value::string(member)
                                   : type == kind::NS ? attribute_value::number(member)
                                                      : attribute_value::binary(member);
            return candidate == *element;
        });
    }
    if (type == kind::L) {
        const auto& elements = container->elements();
        return std::find(elements.begin(), elements.end(), *element) != elements.end();
    }
    return false;
}

bool attribute_type_is(const attribute_value* value, const attribute_value* type_name) {
    return value != nullptr && type_name != nullptr && type_name->type() == kind::S &&
           to_string(value->type()) == type_name->scalar();
}

bool evaluate_function(const condition_node& node, const item& subject) {
    const auto argument = [&](std::size_t i) {
        return i < node.operands.size() ? evaluate_condition_operand(node.operands[i], subject)
                                        : operand_value();
    };
    switch (node.function) {
        case function_id::attribute_exists:
            return argument(0).get() != nullptr;
        case function_id::attribute_not_exists:
            return argument(0).get() == nullptr;
        case function_id::attribute_type:
            return attribute_type_is(argument(0).get(), argument(1).get());
        case function_id::begins_with:
            return begins_with(argument(0).get(), argument(1).get());
        case function_id::contains:
            return contains(argument(0).get(), argument(1).get());
        default:
            return false;
    }
}

bool evaluate_between(const condition_node& node, const item& subject) {
    const operand_value value = evaluate_condition_operand(node.operands[0], subject);
    const operand_value lower = evaluate_condition_operand(node.operands[1], subject);
    const operand_value upper = evaluate_condition_operand(node.operands[2], subject);
    return compare_values(comparator::greater_or_equal, value.get(), lower.get()) &&
           compare_values(comparator::less_or_equal, value.get(), upper.get());
}

bool evaluate_in(const condition_node& node, const item& subject) {
    const operand_value value = evaluate_condition_operand(node.operands[0], subject);
    for (std::size_t i = 1; i < node.operands.size(); ++i) {
        const operand_value candidate = evaluate_condition_operand(node.operands[i], subject);
        if (compare_values(comparator::equal, value.get(), candidate.get())) {
            return true;
        }
    }
    return false;
}

}  // namespace

const attribute_value* find_path(const item& subject, const document_path& path) {
    const auto top = subject.find(std::get<std::string>(path.front()));
    if (top == subject.end()) {
        return nullptr;
    }
    const attribute_value* current = &top->second;
    for (std::size_t i = 1; i < path.size(); ++i) {
        if (const auto* name = std::get_if<std::string>(&path[i])) {
            if (current->type() != kind::M) {
                return nullptr;
            }
            const auto found = current->members().find(*name);
            if (found == current->members().end()) {
                return nullptr;
            }
            current = &found->second;
        } else {
            const std::size_t index = std::get<std::size_t>(path[i]);
            if (current->type() != kind::L || index >= current->elements().size()) {
                return nullptr;
            }
            current = &current->elements()[index];
        }
    }
    return current;
}

operand_value evaluate_condition_operand(const operand& value, const item& subject) {
    switch (value.type) {
        case operand::kind::path:
            return operand_value(find_path(subject, value.path));
        case operand::kind::value:
            return operand_value(&value.value);
        case operand::kind::function:
            break;
    }
    if (value.function != function_id::size || value.arguments.empty()) {
        return operand_value();
    }
    const operand_value argument = evaluate_condition_operand(value.arguments[0], subject);
    if (argument.get() == nullptr) {
        return operand_value();
    }
    const auto size = size_of(*argument.get());
    if (!size) {
        return operand_value();
    }
    return operand_value(attribute_value::number(std::to_string(*size)));
}

bool evaluate_condition(const condition_node& node, const item& subject) {
    switch (node.type) {
        case condition_node::kind::compare: {
            const operand_value left = evaluate_condition_operand(node.operands[0], subject);
            const operand_value right = evaluate_condition_operand(node.operands[1], subject);
            return compare_values(node.op, left.get(), right.get());
        }
        case condition_node::kind::between:
            return evaluate_between(node, subject);
        case condition_node::kind::in:
            return evaluate_in(node, subject);
        case condition_node::kind::function:
            return evaluate_function(node, subject);
        case condition_node::kind::and_:
            return std::all_of(node.children.begin(), node.children.end(), [&](const auto& child) {
                return evaluate_condition(child, subject);
            });
        case condition_node::kind::or_:
            return std::any_of(node.children.begin(), node.children.end(), [&](const auto& child) {
                return evaluate_condition(child, subject);
            });
        case condition_node::kind::not_:
            return !evaluate_condition(node.children.front(), subject);
    }
    return false;
}

}  // namespace lambdad::dynamodb::expr
