#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <stdexcept>
#include <string>

namespace lambdad::dynamodb {

/// An error that the DynamoDB API returns to the client: the error name (for example
/// "ValidationException"), its message and HTTP status. Thrown deep in an operation and turned
/// into DynamoDB's JSON error body once, in the service's request handler.
class api_error : public std::runtime_error {
public:
    api_error(std::string type, const std::string& message, unsigned status = 400);

    /// The error name without its namespace.
    const std::string& type() const { return type_; }
    /// The HTTP status code.
    unsigned status() const { return status_; }
    /// Whether the body carries a message; SerializationException and UnknownOperationException
    /// have none when DynamoDB gives none.
    bool has_message() const { return has_message_; }
    /// Extra members of the error body, such as CancellationReasons or Item.
    const boost::json::object& extra() const { return extra_; }

    /// The `__type` of the error body: the error name prefixed with the namespace DynamoDB
    /// uses for it.
    std::string qualified_type() const;

    static api_error validation(const std::string& message);
    static api_error resource_not_found(
        const std::string& message = "Requested resource not found");
    static api_error table_not_found(const std::string& table);
    static api_error resource_in_use(const std::string& message);
    static api_error serialization(const std::optional<std::string>& message = std::nullopt);
    static api_error unknown_operation();
    static api_error internal();
    /// ConditionalCheckFailedException; `old_item` is the item at the time of the check when
    /// the request set ReturnValuesOnConditionCheckFailure to ALL_OLD.
    static api_error conditional_check_failed(std::optional<boost::json::object> old_item);
    /// TransactionCanceledException with one reason per action.
    static api_error transaction_canceled(const std::string& reason_codes,
                                          boost::json::array reasons);

private:
    std::string type_;
    unsigned status_;
    bool has_message_ = true;
    boost::json::object extra_;
};

}  // namespace lambdad::dynamodb
