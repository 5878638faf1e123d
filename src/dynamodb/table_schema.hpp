#pragma once

#include "dynamodb/request_view.hpp"
#include "storage/table_definition.hpp"

#include <boost/json/object.hpp>

#include <map>
#include <set>
#include <string>

namespace lambdad::dynamodb {

/// AttributeDefinitions: attribute names to their key types (S, N or B).
using attribute_types = std::map<std::string, attribute_value::kind, std::less<>>;

/// Reads AttributeDefinitions. Throws api_error (ValidationException) for an invalid type.
attribute_types read_attribute_definitions(simdjson::dom::array definitions);

/// Reads a KeySchema (of the table or of an index) and resolves its types through
/// `definitions`, recording the attribute names used in `used`. Throws api_error
/// (ValidationException) with DynamoDB's messages.
key_schema read_key_schema(simdjson::dom::array elements, const attribute_types& definitions,
                           std::set<std::string>& used);

/// Reads one GlobalSecondaryIndexes or LocalSecondaryIndexes entry into its definition and
/// the metadata the API keeps for it (Projection, ProvisionedThroughput).
storage::index_definition read_index(const request_view& entry, bool global,
                                     const attribute_types& definitions,
                                     std::set<std::string>& used, boost::json::object& metadata);

/// Reads BillingMode and ProvisionedThroughput into `metadata`, checking that they agree.
void read_billing(const request_view& request, boost::json::object& metadata,
                  bool billing_required);

}  // namespace lambdad::dynamodb
