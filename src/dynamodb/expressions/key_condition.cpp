#include "dynamodb/expressions/key_condition.hpp"

#include "dynamodb/expressions/compare.hpp"
#include "dynamodb/expressions/evaluate.hpp"
#include "dynamodb/expressions/parser.hpp"

namespace lambdad::dynamodb::expr {
namespace {

using detail::condition_node;

[[noreturn]] void throw_not_supported() {
    throw validation_error("Query key condition not supported");
}

[[noreturn]] void throw_invalid_operator(std::string_view op) {
    throw validation_error("Invalid operator used in KeyConditionExpression: " + std::string(op));
}

void collect_leaves(const condition_node& node, std::vector<const condition_node*>& leaves) {
    if (node.type != condition_node::kind::and_) {
        leaves.push_back(&node);
        return;
    }
    for (const auto& child : node.children) {
        collect_leaves(child, leaves);
    }
}

// Rejects the operators that key conditions do not support, naming them as DynamoDB does.
void check_operator(const condition_node& leaf) {
    switch (leaf.type) {
        case condition_node::kind::or_:
            throw_invalid_operator("OR");
        case condition_node::kind::not_:
            throw_invalid_operator("NOT");
        case condition_node::kind::in:
            throw_invalid_operator("IN");
        case condition_node::kind::compare:
            if (leaf.op == comparator::not_equal) {
                throw_invalid_operator("<>");
            }
            return;
        case condition_node::kind::function:
            if (leaf.function != function_id::begins_with) {
                throw_invalid_operator(function_name(leaf.function));
            }
            return;
        default:
            return;
    }
}

range_operator range_operator_of(const condition_node& leaf) {
    if (leaf.type == condition_node::kind::between) {
        return range_operator::between;
    }
    if (leaf.type == condition_node::kind::function) {
        return range_operator::begins_with;
    }
    switch (leaf.op) {
        case comparator::less:
            return range_operator::less;
        case comparator::less_or_equal:
            return range_operator::less_or_equal;
        case comparator::greater:
            return range_operator::greater;
        case comparator::greater_or_equal:
            return range_operator::greater_or_equal;
        default:
            return range_operator::equal;
    }
}

// The single top-level attribute a leaf tests; its other operands must be values.
// NOTE: DynamoDB's message for a nested path or a value on the left side is not documented;
// these get "Query key condition not supported".
const std::string& leaf_attribute(const condition_node& leaf) {
    const operand& subject = leaf.operands.front();
    if (subject.type != operand::kind::path || subject.path.size() != 1) {
        throw_not_supported();
    }
    for (std::size_t i = 1; i < leaf.operands.size(); ++i) {
        if (leaf.operands[i].type != operand::kind::value) {
            throw_not_supported();
        }
    }
    return std::get<std::string>(subject.path.front());
}

void check_type(const attribute_value& value, const key_attribute& key) {
    if (value.type() != key.type) {
        throw validation_error(
            "One or more parameter values were invalid: Condition parameter type does not match "
            "schema type");
    }
}

}  // namespace

key_condition key_condition_from_tree(const condition_node& root, const key_schema& schema) {
    std::vector<const condition_node*> leaves;
    collect_leaves(root, leaves);
    const condition_node* hash = nullptr;
    const condition_node* range = nullptr;
    bool names_other_attribute = false;
    for (const condition_node* leaf : leaves) {
        check_operator(*leaf);
        const std::string& name = leaf_attribute(*leaf);
        const condition_node** slot = name == schema.hash.name                     ? &hash
                                      : schema.range && name == schema.range->name ? &range
                                                                                   : nullptr;
        if (slot == nullptr) {
            names_other_attribute = true;
            continue;
        }
        if (*slot != nullptr) {
            throw validation_error(
                "Invalid KeyConditionExpression: KeyConditionExpressions must only contain one "
                "condition per key");
        }
        *slot = leaf;
    }

    if (hash == nullptr) {
        throw validation_error("Query condition missed key schema element: " + schema.hash.name);
    }
    if (names_other_attribute) {
        // NOTE: DynamoDB's message for a non-key attribute in a key condition is not documented;
        // this names the key that the condition should have used instead.
        throw validation_error("Query condition missed key schema element: " +
                               (schema.range ? schema.range->name : schema.hash.name));
    }
    if (hash->type != condition_node::kind::compare || hash->op != comparator::equal) {
        throw_not_supported();
    }

    key_condition result;
    result.hash_value = hash->operands[1].value;
    check_type(result.hash_value, schema.hash);
    if (range != nullptr) {
        range_condition bound{range_operator_of(*range), range->operands[1].value, std::nullopt};
        check_type(bound.value, *schema.range);
        if (bound.op == range_operator::between) {
            bound.upper = range->operands[2].value;
            check_type(*bound.upper, *schema.range);
        }
        result.range = std::move(bound);
    }
    return result;
}

key_condition parse_key_condition(std::string_view text, const key_schema& schema,
                                  attribute_context& context) {
    parser reader(text, expression_kind::key_condition, context);
    return key_condition_from_tree(parse_condition_tree(reader), schema);
}

bool key_condition::matches(const item& subject, const key_schema& schema) const {
    const auto hash = subject.find(schema.hash.name);
    if (hash == subject.end() || !(hash->second == hash_value)) {
        return false;
    }
    if (!range) {
        return true;
    }
    const auto found = schema.range ? subject.find(schema.range->name) : subject.end();
    if (found == subject.end()) {
        return false;
    }
    const attribute_value& value = found->second;
    if (range->op == range_operator::begins_with) {
        return value.type() == range->value.type() &&
               value.scalar().starts_with(range->value.scalar());
    }
    const auto order = compare_ordered(value, range->value);
    if (!order) {
        return false;
    }
    switch (range->op) {
        case range_operator::equal:
            return *order == 0;
        case range_operator::less:
            return *order < 0;
        case range_operator::less_or_equal:
            return *order <= 0;
        case range_operator::greater:
            return *order > 0;
        case range_operator::greater_or_equal:
            return *order >= 0;
        case range_operator::between: {
            const auto upper = compare_ordered(value, *range->upper);
            return *order >= 0 && upper && *upper <= 0;
        }
        default:
            return false;
    }
}

}  // namespace lambdad::dynamodb::expr
