#include "dynamodb/request_expressions.hpp"

#include "dynamodb/api_error.hpp"
#include "storage/item_json.hpp"
#include "storage/table_expressions.hpp"

#include <array>

namespace lambdad::dynamodb {
namespace {

constexpr std::array<std::string_view, 5> expression_members{
    "ConditionExpression", "FilterExpression", "KeyConditionExpression", "ProjectionExpression",
    "UpdateExpression"};
constexpr std::array<std::string_view, 7> legacy_members{
    "AttributesToGet", "AttributeUpdates", "ConditionalOperator", "Expected",
    "KeyConditions",   "QueryFilter",      "ScanFilter"};

std::string present_members(const request_view& request, const auto& members) {
    std::string list;
    for (const auto member : members) {
        if (request.has(member)) {
            list += (list.empty() ? "" : ", ") + std::string(member);
        }
    }
    return list;
}

std::optional<expr::attribute_context::name_map> read_names(const request_view& request) {
    const auto names = request.string_map("ExpressionAttributeNames");
    if (!names) {
        return std::nullopt;
    }
    return expr::attribute_context::name_map(names->begin(), names->end());
}

std::vector<attribute_value> read_value_list(const request_view& entry) {
    std::vector<attribute_value> values;
    const auto list = entry.array("AttributeValueList");
    if (!list) {
        return values;
    }
    for (const auto element : *list) {
        as_object(element);
        try {
            values.push_back(storage::value_from_json(element));
        } catch (const table_error& error) {
            throw api_error(error.type(), error.what());
        }
    }
    return values;
}

std::optional<attribute_value> read_single_value(const request_view& entry, std::string_view name) {
    simdjson::dom::element element;
    if (entry.raw().at_key(name).get(element) != simdjson::SUCCESS || element.is_null()) {
        return std::nullopt;
    }
    as_object(element);
    try {
        return storage::value_from_json(element);
    } catch (const table_error& error) {
        throw api_error(error.type(), error.what());
    }
}

std::vector<expr::legacy_condition> read_legacy_conditions(const request_view& map) {
    std::vector<expr::legacy_condition> conditions;
    for (const auto [name, element] : map.raw()) {
        const request_view entry = as_object(element);
        expr::legacy_condition condition;
        condition.attribute = std::string(name);
        if (const auto op = entry.string("ComparisonOperator")) {
            condition.comparison_operator = std::string(*op);
        }
        condition.attribute_value_list = read_value_list(entry);
        condition.value = read_single_value(entry, "Value");
        condition.exists = entry.boolean("Exists");
        conditions.push_back(std::move(condition));
    }
    return conditions;
}

expr::conditional_operator read_conditional_operator(const request_view& request) {
    const auto op = request.string("ConditionalOperator");
    if (!op || *op == "AND") {
        return expr::conditional_operator::and_;
    }
    if (*op == "OR") {
        return expr::conditional_operator::or_;
    }
    throw api_error::validation(
        "1 validation error detected: Value '" + std::string(*op) +
        "' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum "
        "value set: [AND, OR]");
}

}  // namespace

request_expressions::request_expressions(const request_view& request)
    : request_(request),
      context_(read_names(request), request.item_field("ExpressionAttributeValues")) {
    const std::string expressions = present_members(request, expression_members);
    const std::string legacy = present_members(request, legacy_members);
    if (!expressions.empty() && !legacy.empty()) {
        throw api_error::validation(
            "Can not use both expression and non-expression parameters in the same request: "
            "Non-expression parameters: {" +
            legacy + "} Expression parameters: {" + expressions + "}");
    }
    uses_expressions_ = !expressions.empty();
}

std::optional<expr::condition> request_expressions::legacy_condition(
    std::string_view member, expr::legacy_condition_kind kind) {
    const auto map = request_.object(member);
    if (!map) {
        return std::nullopt;
    }
    return expr::translate_conditions(read_legacy_conditions(*map),
                                      read_conditional_operator(request_), kind);
}

std::optional<expr::condition> request_expressions::condition() {
    if (const auto text = request_.string("ConditionExpression")) {
        return expr::parse_condition(*text, expr::expression_kind::condition, context_);
    }
    return legacy_condition("Expected", expr::legacy_condition_kind::expected);
}

std::optional<expr::condition> request_expressions::filter(std::string_view legacy_member) {
    if (const auto text = request_.string("FilterExpression")) {
        return expr::parse_condition(*text, expr::expression_kind::filter, context_);
    }
    const auto kind = legacy_member == "QueryFilter" ? expr::legacy_condition_kind::query_filter
                                                     : expr::legacy_condition_kind::scan_filter;
    return legacy_condition(legacy_member, kind);
}

std::optional<expr::projection> request_expressions::projection() {
    if (const auto text = request_.string("ProjectionExpression")) {
        return expr::parse_projection(*text, context_);
    }
    if (const auto names = request_.string_list("AttributesToGet")) {
        return expr::translate_attributes_to_get(*names);
    }
    return std::nullopt;
}

std::optional<expr::update> request_expressions::update() {
    if (const auto text = request_.string("UpdateExpression")) {
        return expr::parse_update(*text, context_);
    }
    const auto map = request_.object("AttributeUpdates");
    if (!map) {
        return std::nullopt;
    }
    std::vector<expr::legacy_update> updates;
    for (const auto [name, element] : map->raw()) {
        const request_view entry = as_object(element);
        expr::legacy_update update;
        update.attribute = std::string(name);
        if (const auto action = entry.string("Action")) {
            update.action = std::string(*action);
        }
        update.value = read_single_value(entry, "Value");
        updates.push_back(std::move(update));
    }
    return expr::translate_attribute_updates(updates);
}

std::optional<expr::key_condition> request_expressions::key_condition(const key_schema& schema) {
    const auto expression_schema = storage::to_expression_schema(schema);
    if (const auto text = request_.string("KeyConditionExpression")) {
        return expr::parse_key_condition(*text, expression_schema, context_);
    }
    const auto map = request_.object("KeyConditions");
    if (!map) {
        return std::nullopt;
    }
    return expr::translate_key_conditions(read_legacy_conditions(*map), expression_schema);
}

void request_expressions::finish() {
    if (!uses_expressions_) {
        if (context_.has_names()) {
            throw api_error::validation(
                "ExpressionAttributeNames can only be specified when using expressions");
        }
        if (context_.has_values()) {
            throw api_error::validation(
                "ExpressionAttributeValues can only be specified when using expressions");
        }
        return;
    }
    context_.check_all_used();
}

}  // namespace lambdad::dynamodb
