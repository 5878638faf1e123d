#pragma once

#include "dynamodb/expressions/expressions.hpp"
#include "dynamodb/request_view.hpp"
#include "lambdad/table.hpp"

#include <optional>
#include <string_view>

namespace lambdad::dynamodb {

/// The expressions of one request, and their legacy equivalents, parsed through one shared
/// ExpressionAttributeNames/Values context. Construction rejects requests that mix expression
/// and legacy parameters; finish() rejects names or values that no expression used.
class request_expressions {
public:
    /// Reads ExpressionAttributeNames and ExpressionAttributeValues. Throws api_error or
    /// expr::validation_error (both ValidationException) as DynamoDB does.
    explicit request_expressions(const request_view& request);

    /// ConditionExpression, or Expected with ConditionalOperator.
    std::optional<expr::condition> condition();
    /// FilterExpression, or `legacy_member` (QueryFilter or ScanFilter) with ConditionalOperator.
    std::optional<expr::condition> filter(std::string_view legacy_member);
    /// ProjectionExpression, or AttributesToGet.
    std::optional<expr::projection> projection();
    /// UpdateExpression, or AttributeUpdates.
    std::optional<expr::update> update();
    /// KeyConditionExpression, or KeyConditions, checked against the key of the table or
    /// index queried.
    std::optional<expr::key_condition> key_condition(const key_schema& schema);

    /// Rejects unused names and values, and names or values sent without any expression.
    void finish();

private:
    std::optional<expr::condition> legacy_condition(std::string_view member,
                                                    expr::legacy_condition_kind kind);

    request_view request_;
    expr::attribute_context context_;
    bool uses_expressions_ = false;
};

}  // namespace lambdad::dynamodb
