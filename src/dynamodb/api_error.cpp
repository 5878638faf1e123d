#include "dynamodb/api_error.hpp"

#include <boost/json/array.hpp>

#include <array>
#include <string_view>

namespace lambdad::dynamodb {
namespace {

// DynamoDB qualifies error names by the layer that raises them: request validation
// (com.amazon.coral.validate), the service framework (com.amazon.coral.service) and DynamoDB
// itself (com.amazonaws.dynamodb.v20120810).
constexpr std::array<std::string_view, 6> service_framework_errors{
    "SerializationException",       "UnknownOperationException",
    "IncompleteSignatureException", "MissingAuthenticationTokenException",
    "AccessDeniedException",        "UnrecognizedClientException"};

}  // namespace

api_error::api_error(std::string type, const std::string& message, unsigned status)
    : std::runtime_error(message), type_(std::move(type)), status_(status) {}

std::string api_error::qualified_type() const {
    if (type_ == "ValidationException") {
        return "com.amazon.coral.validate#" + type_;
    }
    for (const auto name : service_framework_errors) {
        if (type_ == name) {
            return "com.amazon.coral.service#" + type_;
        }
    }
    return "com.amazonaws.dynamodb.v20120810#" + type_;
}

api_error api_error::validation(const std::string& message) {
    return {"ValidationException", message};
}

api_error api_error::resource_not_found(const std::string& message) {
    return {"ResourceNotFoundException", message};
}

api_error api_error::table_not_found(const std::string& table) {
    return resource_not_found("Requested resource not found: Table: " + table + " not found");
}

api_error api_error::resource_in_use(const std::string& message) {
    return {"ResourceInUseException", message};
}

api_error api_error::serialization(const std::optional<std::string>& message) {
    api_error error("SerializationException", message.value_or(""));
    error.has_message_ = message.has_value();
    return error;
}

api_error api_error::unknown_operation() {
    api_error error("UnknownOperationException", "");
    error.has_message_ = false;
    return error;
}

api_error api_error::internal() {
    return {"InternalServerError", "Internal server error", 500};
}

api_error api_error::conditional_check_failed(std::optional<boost::json::object> old_item) {
    api_error error("ConditionalCheckFailedException", "The conditional request failed");
    if (old_item) {
        error.extra_["Item"] = std::move(*old_item);
    }
    return error;
}

api_error api_error::transaction_canceled(const std::string& reason_codes,
                                          boost::json::array reasons) {
    api_error error("TransactionCanceledException",
                    "Transaction cancelled, please refer cancellation reasons for specific "
                    "reasons [" +
                        reason_codes + "]");
    error.extra_["CancellationReasons"] = std::move(reasons);
    return error;
}

}  // namespace lambdad::dynamodb
