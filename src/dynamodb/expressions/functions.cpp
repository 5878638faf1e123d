#include "dynamodb/expressions/parser.hpp"

#include <array>

namespace lambdad::dynamodb::expr {
namespace {

struct function_entry {
    std::string_view name;
    function_id id;
    std::size_t operand_count;
    bool in_conditions;
};

// The functions of the Developer Guide pages "Condition and filter expressions, operators, and
// functions" and "Update expressions".
constexpr std::array<function_entry, 8> functions = {{
    {"attribute_exists", function_id::attribute_exists, 1, true},
    {"attribute_not_exists", function_id::attribute_not_exists, 1, true},
    {"attribute_type", function_id::attribute_type, 2, true},
    {"begins_with", function_id::begins_with, 2, true},
    {"contains", function_id::contains, 2, true},
    {"size", function_id::size, 1, true},
    {"if_not_exists", function_id::if_not_exists, 2, false},
    {"list_append", function_id::list_append, 2, false},
}};

const function_entry* find_function(std::string_view name) {
    for (const auto& entry : functions) {
        if (entry.name == name) {
            return &entry;
        }
    }
    return nullptr;
}

std::size_t expected_operand_count(function_id id) {
    if (id == function_id::plus || id == function_id::minus) {
        return 2;
    }
    for (const auto& entry : functions) {
        if (entry.id == id) {
            return entry.operand_count;
        }
    }
    return 0;
}

std::string type_error(function_id id, std::string_view type) {
    return "Incorrect operand type for operator or function; operator or function: " +
           std::string(function_name(id)) + ", operand type: " + std::string(type);
}

bool is_valid_type_name(const std::string& name) {
    for (std::string_view type : {"S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"}) {
        if (name == type) {
            return true;
        }
    }
    return false;
}

// Type errors for constant operands; DynamoDB rejects them before looking at any item.
std::optional<std::string> operand_type_error(const operand& call) {
    const auto& args = call.arguments;
    switch (call.function) {
        case function_id::begins_with:
            for (const auto& arg : args) {
                const auto type = static_type(arg);
                if (type && *type != attribute_value::kind::S &&
                    *type != attribute_value::kind::B) {
                    return type_error(call.function, to_string(*type));
                }
            }
            return std::nullopt;
        case function_id::attribute_type: {
            const auto type = static_type(args[1]);
            if (!type || *type != attribute_value::kind::S) {
                return type_error(call.function,
                                  type ? to_string(*type) : "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
            }
            if (args[1].type == operand::kind::value &&
                !is_valid_type_name(args[1].value.scalar())) {
                return "Invalid attribute type name found; type: " + args[1].value.scalar() +
                       ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}";
            }
            return std::nullopt;
        }
        case function_id::size: {
            const auto type = static_type(args[0]);
            if (type &&
                (*type == attribute_value::kind::N || *type == attribute_value::kind::BOOL ||
                 *type == attribute_value::kind::NULL_)) {
                return type_error(call.function, to_string(*type));
            }
            return std::nullopt;
        }
        case function_id::list_append:
        case function_id::plus:
        case function_id::minus: {
            const auto wanted = call.function == function_id::list_append
                                    ? attribute_value::kind::L
                                    : attribute_value::kind::N;
            for (const auto& arg : args) {
                const auto type = static_type(arg);
                if (arg.type == operand::kind::value && type && *type != wanted) {
                    return type_error(call.function, to_string(*type));
                }
            }
            return std::nullopt;
        }
        default:
            return std::nullopt;
    }
}

bool requires_path(function_id id) {
    return id == function_id::attribute_exists || id == function_id::attribute_not_exists ||
           id == function_id::if_not_exists;
}

}  // namespace

std::string_view function_name(function_id function) {
    switch (function) {
        case function_id::plus:
            return "+";
        case function_id::minus:
            return "-";
        default:
            for (const auto& entry : functions) {
                if (entry.id == function) {
                    return entry.name;
                }
            }
            return "";
    }
}

std::string_view comparator_text(comparator op) {
    switch (op) {
        case comparator::equal:
            return "=";
        case comparator::not_equal:
            return "<>";
        case comparator::less:
            return "<";
        case comparator::less_or_equal:
            return "<=";
        case comparator::greater:
            return ">";
        case comparator::greater_or_equal:
            return ">=";
    }
    return "";
}

bool is_condition_function(function_id function) {
    switch (function) {
        case function_id::attribute_exists:
        case function_id::attribute_not_exists:
        case function_id::attribute_type:
        case function_id::begins_with:
        case function_id::contains:
            return true;
        default:
            return false;
    }
}

std::optional<attribute_value::kind> static_type(const operand& value) {
    switch (value.type) {
        case operand::kind::path:
            return std::nullopt;
        case operand::kind::value:
            return value.value.type();
        case operand::kind::function:
            break;
    }
    switch (value.function) {
        case function_id::size:
        case function_id::plus:
        case function_id::minus:
            return attribute_value::kind::N;
        case function_id::list_append:
            return attribute_value::kind::L;
        case function_id::if_not_exists:
            return value.arguments.size() == 2 ? static_type(value.arguments[1]) : std::nullopt;
        default:
            return attribute_value::kind::BOOL;
    }
}

std::string describe_value(const attribute_value& value) {
    const std::string type(to_string(value.type()));
    switch (value.type()) {
        case attribute_value::kind::S:
        case attribute_value::kind::N:
        case attribute_value::kind::B:
            return "{" + type + ":" + value.scalar() + "}";
        default:
            return "{" + type + "}";
    }
}

operand parser::parse_function_call() {
    const token& name_token = next();
    const std::string name(text_of(name_token));
    expect(token_kind::left_paren);
    enter_nesting();
    count_operator();

    operand call;
    call.type = operand::kind::function;
    call.arguments.push_back(parse_operand());
    while (at(token_kind::comma)) {
        next();
        call.arguments.push_back(parse_operand());
    }
    expect(token_kind::right_paren);
    leave_nesting();

    const function_entry* entry = find_function(name);
    const bool update = kind() == expression_kind::update;
    if (entry == nullptr) {
        record(error_kind::unknown_function, "Invalid function name; function: " + name);
        return call;
    }
    call.function = entry->id;
    if (entry->in_conditions == update) {
        // NOTE: the text before "; function:" is quoted from DynamoDB replies in public reports;
        // the suffix follows DynamoDB's other function messages.
        record(error_kind::misused_function,
               std::string("The function is not allowed in ") +
                   (update ? "an update expression" : "a condition expression") +
                   "; function: " + name);
        return call;
    }
    check_function(call);
    return call;
}

void parser::check_not_condition_function(const operand& value) {
    if (value.type == operand::kind::function && is_condition_function(value.function)) {
        record(error_kind::misused_function,
               "The function is not allowed to be used this way in an expression; function: " +
                   std::string(function_name(value.function)));
    }
}

void parser::check_distinct(std::string_view op, const operand& first, const operand& second) {
    if (first.type == operand::kind::path && second.type == operand::kind::path &&
        first.path == second.path) {
        record(error_kind::distinct_operands,
               "The first operand must be distinct from the remaining operands for this operator "
               "or function; operator: " +
                   std::string(op) + ", first operand: " + to_string(first.path));
    }
}

void parser::check_function(const operand& call) {
    for (const auto& arg : call.arguments) {
        check_not_condition_function(arg);
    }
    const std::size_t expected = expected_operand_count(call.function);
    if (call.arguments.size() != expected) {
        record(error_kind::operand_count,
               "Incorrect number of operands for operator or function; operator or function: " +
                   std::string(function_name(call.function)) +
                   ", number of operands: " + std::to_string(call.arguments.size()));
        return;
    }
    if (expected == 2 && kind() != expression_kind::update) {
        check_distinct(function_name(call.function), call.arguments[0], call.arguments[1]);
    }
    if (requires_path(call.function) && call.arguments[0].type != operand::kind::path) {
        record(error_kind::function_operand,
               "Operator or function requires a document path; operator or function: " +
                   std::string(function_name(call.function)));
        return;
    }
    if (auto error = operand_type_error(call)) {
        record(error_kind::function_operand, std::move(*error));
    }
}

}  // namespace lambdad::dynamodb::expr
