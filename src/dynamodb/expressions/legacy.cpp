#include "dynamodb/expressions/compare.hpp"
#include "dynamodb/expressions/expressions.hpp"
#include "dynamodb/expressions/key_condition.hpp"
#include "dynamodb/expressions/syntax.hpp"

#include <algorithm>
#include <array>
#include <set>

namespace lambdad::dynamodb::expr {
namespace {

using detail::condition_node;
using kind = attribute_value::kind;

// The legacy messages all start with DynamoDB's prefix for invalid parameter values.
[[noreturn]] void throw_invalid(const std::string& message) {
    throw validation_error("One or more parameter values were invalid: " + message);
}

operand path_operand(const std::string& attribute) {
    operand result;
    result.type = operand::kind::path;
    result.path = {attribute};
    return result;
}

operand value_operand(const attribute_value& value) {
    operand result;
    result.type = operand::kind::value;
    result.value = value;
    return result;
}

condition_node leaf(condition_node::kind type, const std::string& attribute,
                    const std::vector<attribute_value>& values) {
    condition_node node;
    node.type = type;
    node.operands.push_back(path_operand(attribute));
    for (const auto& value : values) {
        node.operands.push_back(value_operand(value));
    }
    return node;
}

condition_node compare_leaf(comparator op, const std::string& attribute,
                            const std::vector<attribute_value>& values) {
    condition_node node = leaf(condition_node::kind::compare, attribute, values);
    node.op = op;
    return node;
}

condition_node function_leaf(function_id function, const std::string& attribute,
                             const std::vector<attribute_value>& values) {
    condition_node node = leaf(condition_node::kind::function, attribute, values);
    node.function = function;
    return node;
}

condition_node negate(condition_node inner) {
    condition_node node;
    node.type = condition_node::kind::not_;
    node.children.push_back(std::move(inner));
    return node;
}

struct operator_rule {
    std::string_view name;
    std::size_t min_values;
    std::size_t max_values;
    /// Whether the values must be S, N or B (otherwise any type, or S and B for BEGINS_WITH).
    bool scalar_only;
};

// The ComparisonOperator values of the Condition type in the DynamoDB API Reference.
constexpr std::array<operator_rule, 13> operator_rules = {{
    {"EQ", 1, 1, false},
    {"NE", 1, 1, false},
    {"LE", 1, 1, true},
    {"LT", 1, 1, true},
    {"GE", 1, 1, true},
    {"GT", 1, 1, true},
    {"NOT_NULL", 0, 0, false},
    {"NULL", 0, 0, false},
    {"CONTAINS", 1, 1, true},
    {"NOT_CONTAINS", 1, 1, true},
    {"BEGINS_WITH", 1, 1, false},
    {"IN", 1, SIZE_MAX, true},
    {"BETWEEN", 2, 2, true},
}};

bool is_scalar(kind type) {
    return type == kind::S || type == kind::N || type == kind::B;
}

void check_values(const operator_rule& rule, const std::vector<attribute_value>& values) {
    if (values.size() < rule.min_values || values.size() > rule.max_values) {
        throw_invalid("Invalid number of argument(s) for the " + std::string(rule.name) +
                      " ComparisonOperator");
    }
    for (const auto& value : values) {
        const bool begins_with = rule.name == "BEGINS_WITH";
        const bool allowed = begins_with ? (value.type() == kind::S || value.type() == kind::B)
                                         : (!rule.scalar_only || is_scalar(value.type()));
        if (!allowed) {
            throw_invalid("ComparisonOperator " + std::string(rule.name) + " is not valid for " +
                          std::string(to_string(value.type())) + " AttributeValue type");
        }
    }
    if (!values.empty() && std::any_of(values.begin(), values.end(), [&](const auto& value) {
            return value.type() != values.front().type();
        })) {
        throw_invalid("AttributeValues inside AttributeValueList must be of same type");
    }
    if (rule.name == "BETWEEN") {
        const auto order = compare_ordered(values[0], values[1]);
        if (order && *order > 0) {
            // NOTE: wording as the dynoxide emulator reports it; not confirmed against DynamoDB.
            throw validation_error(
                "The BETWEEN condition was provided a range where the lower bound is greater than "
                "the upper bound");
        }
    }
}

condition_node operator_condition(std::string_view op, const std::string& attribute,
                                  const std::vector<attribute_value>& values) {
    const auto rule = std::find_if(operator_rules.begin(), operator_rules.end(),
                                   [&](const auto& entry) { return entry.name == op; });
    if (rule == operator_rules.end()) {
        throw validation_error(
            "1 validation error detected: Value '" + std::string(op) +
            "' at 'comparisonOperator' failed to satisfy constraint: Member "
            "must satisfy enum value set: [IN, NULL, BETWEEN, LT, "
            "NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
    }
    check_values(*rule, values);
    if (op == "EQ" || op == "NE" || op == "LE" || op == "LT" || op == "GE" || op == "GT") {
        const comparator cmp = op == "EQ"   ? comparator::equal
                               : op == "NE" ? comparator::not_equal
                               : op == "LE" ? comparator::less_or_equal
                               : op == "LT" ? comparator::less
                               : op == "GE" ? comparator::greater_or_equal
                                            : comparator::greater;
        return compare_leaf(cmp, attribute, values);
    }
    if (op == "NOT_NULL" || op == "NULL") {
        return function_leaf(
            op == "NULL" ? function_id::attribute_not_exists : function_id::attribute_exists,
            attribute, {});
    }
    if (op == "CONTAINS") {
        return function_leaf(function_id::contains, attribute, values);
    }
    if (op == "NOT_CONTAINS") {
        // NOTE: a missing attribute matches NOT_CONTAINS here, as `NOT contains(...)` does.
        return negate(function_leaf(function_id::contains, attribute, values));
    }
    if (op == "BEGINS_WITH") {
        return function_leaf(function_id::begins_with, attribute, values);
    }
    return leaf(op == "IN" ? condition_node::kind::in : condition_node::kind::between, attribute,
                values);
}

// Expected entries also allow the older Value/Exists form, with the rules of DynamoDB's
// "Expected" parameter documentation.
condition_node expected_condition(const legacy_condition& entry) {
    const std::string& name = entry.attribute;
    // An empty AttributeValueList counts as absent, so callers may pass an empty list for a
    // missing member.
    const bool has_list = entry.attribute_value_list && !entry.attribute_value_list->empty();
    if (has_list && entry.value) {
        throw_invalid("Value and AttributeValueList cannot be used together for Attribute: " +
                      name);
    }

    if (entry.comparison_operator) {
        if (entry.exists) {
            throw_invalid("Exists and ComparisonOperator cannot be used together for Attribute: " +
                          name);
        }
        const std::string& op = *entry.comparison_operator;
        if (op != "NULL" && op != "NOT_NULL" && !has_list && !entry.value) {
            throw_invalid("Value or AttributeValueList must be used with ComparisonOperator: " +
                          op + " for Attribute: " + name);
        }
        const auto values =
            entry.value ? std::vector<attribute_value>{*entry.value}
                        : entry.attribute_value_list.value_or(std::vector<attribute_value>{});
        return operator_condition(op, name, values);
    }

    if (has_list) {
        throw_invalid(
            "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
    }

    const bool exists = entry.exists.value_or(true);
    if (exists && !entry.value) {
        throw_invalid("Value must be provided when Exists is " +
                      std::string(!entry.exists ? "null" : "true") + " for Attribute: " + name);
    }
    if (!exists && entry.value) {
        throw_invalid("Value cannot be used when Exists is false for Attribute: " + name);
    }

    if (!exists) {
        return function_leaf(function_id::attribute_not_exists, name, {});
    }
    return compare_leaf(comparator::equal, name, {*entry.value});
}

condition_node filter_condition(const legacy_condition& entry) {
    const auto values = entry.attribute_value_list.value_or(std::vector<attribute_value>{});
    return operator_condition(entry.comparison_operator.value_or(""), entry.attribute, values);
}

}  // namespace

condition translate_conditions(const std::vector<legacy_condition>& conditions,
                               conditional_operator op, legacy_condition_kind kind) {
    condition_node root;
    // An AND of nothing is true, so an empty list matches every item whatever `op` is.
    const bool any = op == conditional_operator::or_ && !conditions.empty();
    root.type = any ? condition_node::kind::or_ : condition_node::kind::and_;
    for (const auto& entry : conditions) {
        root.children.push_back(kind == legacy_condition_kind::expected ? expected_condition(entry)
                                                                        : filter_condition(entry));
    }
    return condition(std::make_shared<const condition_node>(std::move(root)));
}

key_condition translate_key_conditions(const std::vector<legacy_condition>& conditions,
                                       const key_schema& schema) {
    condition_node root;
    root.type = condition_node::kind::and_;
    for (const auto& entry : conditions) {
        const std::string op = entry.comparison_operator.value_or("");
        if (op == "NE" || op == "NULL" || op == "NOT_NULL" || op == "CONTAINS" ||
            op == "NOT_CONTAINS" || op == "IN") {
            throw validation_error(
                "Attempted conditional constraint is not an indexable operation");
        }
        root.children.push_back(filter_condition(entry));
    }
    return key_condition_from_tree(root, schema);
}

projection translate_attributes_to_get(const std::vector<std::string>& attributes) {
    std::vector<document_path> paths;
    std::set<std::string_view> seen;
    for (const auto& attribute : attributes) {
        if (!seen.insert(attribute).second) {
            throw_invalid("Duplicate value in attribute name: " + attribute);
        }
        paths.push_back({attribute});
    }
    return projection(std::move(paths));
}

}  // namespace lambdad::dynamodb::expr
