#pragma once

#include "dynamodb/capacity.hpp"
#include "dynamodb/expressions/expressions.hpp"
#include "dynamodb/request_view.hpp"
#include "dynamodb/table_info.hpp"
#include "storage/sqlite_table.hpp"

#include <boost/json/object.hpp>

#include <optional>

namespace lambdad::dynamodb {

/// Select of Query and Scan.
enum class select_mode { all_attributes, all_projected_attributes, specific_attributes, count };

/// The parameters that Query and Scan share, once each has read its own.
struct range_read_plan {
    std::shared_ptr<const table_info> table;
    const index_info* index = nullptr;
    storage::range_request request;
    std::optional<expr::condition> filter;
    std::optional<expr::projection> projection;
    select_mode select = select_mode::all_attributes;
    bool consistent = false;
    capacity_detail capacity = capacity_detail::none;
};

/// Reads Select and checks it against the projection and index, as DynamoDB does.
select_mode read_select(const request_view& request, bool has_projection, const index_info* index,
                        bool is_query);

/// Reads ConsistentRead, rejecting it on a global secondary index.
bool read_consistent(const request_view& request, const index_info* index);

/// Reads Limit (at least 1); without a Limit a read stops only at 1 MB.
std::size_t read_limit(const request_view& request);

/// Encodes ExclusiveStartKey into the start position of the table or index read.
std::optional<std::vector<std::string>> read_start_position(const request_view& request,
                                                            const table_info& table,
                                                            const index_info* index);

/// Runs the read and builds the response: Items (unless Select is COUNT), Count, ScannedCount,
/// LastEvaluatedKey and ConsumedCapacity.
boost::json::object run_range_read(const range_read_plan& plan);

}  // namespace lambdad::dynamodb
