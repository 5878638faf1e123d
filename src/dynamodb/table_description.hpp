#pragma once

#include "dynamodb/table_info.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace lambdad::dynamodb {

/// The ARN of a table, for example `arn:aws:dynamodb:us-east-1:123456789012:table/Music`.
std::string table_arn(const std::string& table);

/// Builds the TableDescription of DescribeTable, CreateTable, UpdateTable and DeleteTable:
/// key schema, attribute definitions, status ACTIVE (or `status`), counts, billing, indexes,
/// stream and TTL-independent settings.
boost::json::object describe(const table_info& table, const std::string& status = "ACTIVE",
                             bool with_statistics = true);

}  // namespace lambdad::dynamodb
