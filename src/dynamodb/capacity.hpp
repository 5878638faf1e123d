#pragma once

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace lambdad::dynamodb {

/// ReturnConsumedCapacity of a request: NONE, TOTAL or INDEXES.
enum class capacity_detail { none, total, indexes };

/// Reads ReturnConsumedCapacity. Throws api_error (ValidationException) for another value.
capacity_detail read_capacity_detail(std::optional<std::string_view> value);

/// Read capacity units for reading `bytes`: DynamoDB Developer Guide ("Read/write capacity
/// mode"): one unit per 4 KB, rounded up, at least one; half of that when eventually
/// consistent; twice that in a transaction.
double read_units(std::size_t bytes, bool consistent, bool transactional = false);
/// Write capacity units for writing `bytes`: one unit per 1 KB, rounded up, at least one;
/// twice that in a transaction.
double write_units(std::size_t bytes, bool transactional = false);

/// Builds a ConsumedCapacity entry for `table`, or nothing when `detail` is none.
std::optional<boost::json::object> consumed_capacity(capacity_detail detail,
                                                     const std::string& table, double read,
                                                     double write);

/// Adds ConsumedCapacity to a single-table response when requested.
void add_consumed_capacity(boost::json::object& response, capacity_detail detail,
                           const std::string& table, double read, double write);

}  // namespace lambdad::dynamodb
