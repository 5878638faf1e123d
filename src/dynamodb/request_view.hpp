#pragma once

#include "lambdad/attribute_value.hpp"

#include <simdjson.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lambdad::dynamodb {

/// Read access to the members of one JSON object of a request body. A member that is absent or
/// JSON null reads as nothing; a member of the wrong JSON type throws api_error
/// (SerializationException) with the message DynamoDB's deserializer gives.
///
/// The object belongs to the parser that produced it and is valid only while that parser is.
class request_view {
public:
    explicit request_view(simdjson::dom::object object) : object_(object) {}

    /// Whether the member is present and not null.
    bool has(std::string_view field) const;
    std::optional<std::string_view> string(std::string_view field) const;
    std::optional<std::int64_t> integer(std::string_view field) const;
    std::optional<bool> boolean(std::string_view field) const;
    std::optional<request_view> object(std::string_view field) const;
    std::optional<simdjson::dom::array> array(std::string_view field) const;
    /// A member holding an item or key in DynamoDB JSON.
    std::optional<item> item_field(std::string_view field) const;
    /// A member holding a map of strings, such as ExpressionAttributeNames.
    std::optional<std::map<std::string, std::string, std::less<>>> string_map(
        std::string_view field) const;
    /// A member holding a list of strings, such as AttributesToGet.
    std::optional<std::vector<std::string>> string_list(std::string_view field) const;

    /// The object's members in order.
    simdjson::dom::object raw() const { return object_; }

private:
    std::optional<simdjson::dom::element> member(std::string_view field) const;

    simdjson::dom::object object_;
};

/// Reads an element that must be a JSON object. Throws api_error (SerializationException).
request_view as_object(simdjson::dom::element element);
/// Reads an element that must be a JSON string. Throws api_error (SerializationException).
std::string_view as_string(simdjson::dom::element element);

/// Collects the constraint failures of one request and throws them together, worded as
/// DynamoDB does: "1 validation error detected: ..." or "2 validation errors detected: a; b".
class validation_errors {
public:
    /// Adds "Value <value> at '<member>' failed to satisfy constraint: <constraint>".
    void add(std::string_view value, std::string_view member, std::string_view constraint);
    /// Throws api_error (ValidationException) when any failure was added.
    void throw_if_any() const;

private:
    std::vector<std::string> messages_;
};

/// Lists the elements of `list` as DynamoDB's Java service prints them in constraint messages,
/// for example `com.amazonaws.dynamodb.v20120810.WriteRequest@1a2b3c4d, ...`. The suffixes are
/// Java object hashes on DynamoDB, so lambdad derives its own from the elements.
std::string java_object_names(simdjson::dom::array list, std::string_view class_name);

/// Formats a string for a constraint message: quoted, or `null` when absent.
std::string quoted_or_null(const std::optional<std::string_view>& value);

/// Reads and checks the TableName member (a name, or a table ARN from which the name is
/// taken), adding constraint failures to `errors`. Returns the name, empty when invalid.
std::string read_table_name(const request_view& request, validation_errors& errors,
                            std::string_view member = "tableName");

}  // namespace lambdad::dynamodb
