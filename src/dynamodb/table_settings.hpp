#pragma once

#include "dynamodb/operation.hpp"

#include <boost/json/object.hpp>

#include <vector>

namespace lambdad::dynamodb {

/// Stores new metadata and indexes for a table and drops its cached table_info.
void save_table_settings(operation_context& context, const table_info& table,
                         const boost::json::object& metadata,
                         std::vector<storage::index_definition> indexes);

/// Returns a copy of the metadata member `key` as an object, empty when absent.
boost::json::object metadata_object(const boost::json::object& metadata, std::string_view key);

}  // namespace lambdad::dynamodb
