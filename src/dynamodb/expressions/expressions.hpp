#pragma once

// The contract between the DynamoDB operations (the JSON protocol and the in-process table API)
// and the expression engine. Operations parse every expression of a request through one
// attribute_context, call check_all_used() once all are parsed, then evaluate, apply or project
// the parsed forms. The legacy parameters (Expected, AttributeUpdates, KeyConditions,
// QueryFilter, ScanFilter, AttributesToGet) translate into the same parsed forms, so both paths
// share one set of semantics.

#include "lambdad/attribute_value.hpp"

#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace lambdad::dynamodb::expr {

/// A request error that DynamoDB reports as ValidationException; what() is the exact message.
class validation_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// One step of a document path: an attribute or map key name, or a list index.
using path_element = std::variant<std::string, std::size_t>;

/// A document path such as `a.b[2].c`: the first element is always a top-level attribute name.
using document_path = std::vector<path_element>;

/// Formats a path as DynamoDB prints it in messages, for example `[a, b, [2], c]`.
std::string to_string(const document_path& path);

/// ExpressionAttributeNames (`#name` -> attribute name) and ExpressionAttributeValues
/// (`:value` -> value) of one request, with a record of which entries its expressions used.
///
/// Not thread-safe: one context belongs to one request.
class attribute_context {
public:
    using name_map = std::map<std::string, std::string, std::less<>>;

    /// Builds a context for a request. A map that the request did not send is std::nullopt.
    /// Throws validation_error with DynamoDB's messages when a map is present but empty, or a
    /// key is not its `#` or `:` prefix followed by letters, digits or underscores.
    attribute_context(std::optional<name_map> names, std::optional<item> values);

    /// Builds a context for a request without ExpressionAttributeNames or Values.
    attribute_context();

    /// Throws validation_error naming the entries that no parsed expression used, as DynamoDB
    /// does once all expressions of a request are parsed.
    void check_all_used() const;

    /// Whether the request sent ExpressionAttributeNames or ExpressionAttributeValues; operations
    /// use it to reject these maps on requests that have no expression.
    bool has_names() const { return names_.has_value(); }
    bool has_values() const { return values_.has_value(); }

    /// Resolves `#name` and records the use; nullptr when the request does not define it.
    const std::string* resolve_name(std::string_view placeholder);
    /// Resolves `:value` and records the use; nullptr when the request does not define it.
    const attribute_value* resolve_value(std::string_view placeholder);

private:
    std::optional<name_map> names_;
    std::optional<item> values_;
    std::set<std::string, std::less<>> used_names_;
    std::set<std::string, std::less<>> used_values_;
};

namespace detail {
struct condition_node;
struct update_plan;
}  // namespace detail

/// A parsed ConditionExpression or FilterExpression (or a translated Expected, QueryFilter or
/// ScanFilter). Immutable and thread-safe once built; copies share the parsed tree.
class condition {
public:
    /// Evaluates the condition against an item; a missing attribute makes a comparison false,
    /// never an error. An empty item stands for "no item". Does not throw.
    bool matches(const item& subject) const;

    /// The top-level attribute names the condition reads.
    std::vector<std::string> attribute_names() const;

    explicit condition(std::shared_ptr<const detail::condition_node> root);

private:
    std::shared_ptr<const detail::condition_node> root_;
};

/// A parsed ProjectionExpression or translated AttributesToGet. Immutable and thread-safe.
class projection {
public:
    explicit projection(std::vector<document_path> paths);

    /// Copies from `source` only the projected paths; missing paths are skipped, and list
    /// elements that are selected keep their relative order with the gaps closed.
    item apply(const item& source) const;

    /// The projected paths, in expression order.
    const std::vector<document_path>& paths() const { return paths_; }

    /// The distinct top-level attribute names the projection reads.
    std::vector<std::string> attribute_names() const;

private:
    std::vector<document_path> paths_;
};

/// A parsed UpdateExpression or translated AttributeUpdates. Immutable and thread-safe.
class update {
public:
    /// Applies the update to `original` (empty when the item does not exist yet) and returns the
    /// new item. Throws validation_error with DynamoDB's messages, for example when an operand
    /// has the wrong type, a SET source path does not exist or a path is invalid for update.
    item apply(const item& original) const;

    /// The paths that the update sets, removes, adds to or deletes from, in expression order.
    /// Operations use them to reject key updates and for ReturnValues UPDATED_OLD/UPDATED_NEW
    /// (through projection{updated_paths()}).
    const std::vector<document_path>& updated_paths() const;

    explicit update(std::shared_ptr<const detail::update_plan> plan);

private:
    std::shared_ptr<const detail::update_plan> plan_;
};

/// A key attribute of the table or index being queried.
struct key_attribute {
    std::string name;
    /// S, N or B.
    attribute_value::kind type;
};

/// The key schema a KeyConditionExpression or KeyConditions is checked against.
struct key_schema {
    key_attribute hash;
    std::optional<key_attribute> range;
};

/// The comparison on the range key of a query.
enum class range_operator {
    equal,
    less,
    less_or_equal,
    greater,
    greater_or_equal,
    between,
    begins_with
};

/// The range-key part of a key condition: `attribute op value`, or `BETWEEN value AND upper`.
struct range_condition {
    range_operator op;
    attribute_value value;
    /// The upper bound of BETWEEN; absent for other operators.
    std::optional<attribute_value> upper;
};

/// A parsed KeyConditionExpression or translated KeyConditions: the equality on the hash key
/// and an optional condition on the range key, ready for an index range scan.
struct key_condition {
    attribute_value hash_value;
    std::optional<range_condition> range;

    /// Whether an item's key attributes satisfy the condition (named by `schema`).
    bool matches(const item& subject, const key_schema& schema) const;
};

/// The expression parameters of a request, as named in error messages.
enum class expression_kind { condition, filter, key_condition, projection, update };

/// Parses a ConditionExpression (kind condition) or FilterExpression (kind filter), resolving
/// placeholders through `context`. Throws validation_error with DynamoDB's message
/// ("Invalid ConditionExpression: ...") for syntax errors, reserved words, undefined
/// placeholders, operand type errors and exceeded limits. Linear in the input, with bounded
/// stack depth.
condition parse_condition(std::string_view text, expression_kind kind, attribute_context& context);

/// Parses a ProjectionExpression. Throws validation_error as parse_condition does, and for
/// overlapping or conflicting paths.
projection parse_projection(std::string_view text, attribute_context& context);

/// Parses an UpdateExpression. Throws validation_error as parse_condition does, and for
/// repeated clauses and overlapping or conflicting paths.
update parse_update(std::string_view text, attribute_context& context);

/// Parses a KeyConditionExpression against a key schema. Throws validation_error for syntax
/// errors and for conditions DynamoDB does not support on keys (a missing hash key equality,
/// non-key attributes, OR, NOT, operators other than =, <, <=, >, >=, BETWEEN, begins_with,
/// or a value whose type differs from the key's).
key_condition parse_key_condition(std::string_view text, const key_schema& schema,
                                  attribute_context& context);

/// One entry of the legacy Expected, KeyConditions, QueryFilter or ScanFilter maps.
struct legacy_condition {
    std::string attribute;
    /// ComparisonOperator: EQ, NE, LE, LT, GE, GT, NOT_NULL, NULL, CONTAINS, NOT_CONTAINS,
    /// BEGINS_WITH, IN or BETWEEN. Absent in Expected entries that use Value/Exists.
    std::optional<std::string> comparison_operator;
    /// AttributeValueList; absent or empty when the request did not send it.
    std::optional<std::vector<attribute_value>> attribute_value_list;
    /// Expected only: Value (the older form of `EQ`).
    std::optional<attribute_value> value;
    /// Expected only: Exists.
    std::optional<bool> exists;
};

/// ConditionalOperator of Expected, QueryFilter and ScanFilter.
enum class conditional_operator { and_, or_ };

/// The legacy parameter a condition comes from: Expected also accepts the Value/Exists form.
enum class legacy_condition_kind { expected, query_filter, scan_filter };

/// Translates Expected, QueryFilter or ScanFilter with ConditionalOperator into a condition.
/// Throws validation_error with DynamoDB's messages for invalid entries (wrong number of
/// values, an operator that does not take the value's type, Exists combined wrongly with Value).
/// An empty list gives a condition that every item matches.
condition translate_conditions(const std::vector<legacy_condition>& conditions,
                               conditional_operator op, legacy_condition_kind kind);

/// Translates KeyConditions into a key condition. Throws validation_error as
/// parse_key_condition does.
key_condition translate_key_conditions(const std::vector<legacy_condition>& conditions,
                                       const key_schema& schema);

/// One entry of the legacy AttributeUpdates map.
struct legacy_update {
    std::string attribute;
    /// Action: PUT (default), ADD or DELETE.
    std::string action = "PUT";
    std::optional<attribute_value> value;
};

/// Translates AttributeUpdates into an update. Throws validation_error for an unknown action
/// or a missing value with DynamoDB's messages.
update translate_attribute_updates(const std::vector<legacy_update>& updates);

/// Translates AttributesToGet into a projection. Throws validation_error for duplicates.
projection translate_attributes_to_get(const std::vector<std::string>& attributes);

}  // namespace lambdad::dynamodb::expr
