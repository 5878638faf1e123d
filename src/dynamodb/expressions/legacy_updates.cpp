#include "dynamodb/expressions/expressions.hpp"
#include "dynamodb/expressions/syntax.hpp"

namespace lambdad::dynamodb::expr {
namespace {

using detail::update_action;
using kind = attribute_value::kind;

[[noreturn]] void throw_invalid(const std::string& message) {
    throw validation_error("One or more parameter values were invalid: " + message);
}

bool is_set(kind type) {
    return type == kind::SS || type == kind::NS || type == kind::BS;
}

operand value_operand(attribute_value value) {
    operand result;
    result.type = operand::kind::value;
    result.value = std::move(value);
    return result;
}

// Legacy ADD appends a list to a list ("AttributeUpdates" in the UpdateItem API Reference),
// which is SET path = list_append(if_not_exists(path, []), value) in expression terms.
operand append_to_list(const document_path& path, const attribute_value& value) {
    operand existing;
    existing.type = operand::kind::path;
    existing.path = path;
    operand current;
    current.type = operand::kind::function;
    current.function = function_id::if_not_exists;
    current.arguments.push_back(std::move(existing));
    current.arguments.push_back(value_operand(attribute_value::list({})));
    operand joined;
    joined.type = operand::kind::function;
    joined.function = function_id::list_append;
    joined.arguments.push_back(std::move(current));
    joined.arguments.push_back(value_operand(value));
    return joined;
}

update_action translate_action(const legacy_update& entry) {
    update_action action;
    action.path = {entry.attribute};
    if (entry.action == "DELETE") {
        if (!entry.value) {
            action.type = update_action::kind::remove;
            return action;
        }
        if (!is_set(entry.value->type())) {
            throw_invalid("DELETE action with value is not supported for the type " +
                          std::string(to_string(entry.value->type())));
        }
        action.type = update_action::kind::delete_;
        action.value = value_operand(*entry.value);
        return action;
    }

    if (entry.action != "PUT" && entry.action != "ADD") {
        throw validation_error("1 validation error detected: Value '" + entry.action +
                               "' at 'attributeUpdates." + entry.attribute +
                               ".member.action' failed to satisfy constraint: Member must "
                               "satisfy enum value set: [ADD, PUT, DELETE]");
    }
    if (!entry.value) {
        throw_invalid("Only DELETE action is allowed when no attribute value is specified");
    }

    if (entry.action == "PUT") {
        action.type = update_action::kind::set;
        action.value = value_operand(*entry.value);
        return action;
    }

    const kind type = entry.value->type();
    if (type == kind::L) {
        action.type = update_action::kind::set;
        action.value = append_to_list(action.path, *entry.value);
        return action;
    }
    if (type != kind::N && !is_set(type)) {
        throw_invalid("ADD action is not supported for the type " + std::string(to_string(type)));
    }
    action.type = update_action::kind::add;
    action.value = value_operand(*entry.value);
    return action;
}

}  // namespace

update translate_attribute_updates(const std::vector<legacy_update>& updates) {
    auto plan = std::make_shared<detail::update_plan>();
    for (const auto& entry : updates) {
        plan->actions.push_back(translate_action(entry));
        plan->paths.push_back(plan->actions.back().path);
    }
    return update(std::move(plan));
}

}  // namespace lambdad::dynamodb::expr
