#pragma once

#include "dynamodb/request_view.hpp"
#include "dynamodb/table_info.hpp"

#include <boost/json/object.hpp>

#include <string_view>

namespace lambdad::dynamodb {

/// The state of every DynamoDB operation: the database and its loaded tables.
struct operation_context {
    table_cache& tables;
    storage::database& database;
};

/// One DynamoDB operation: reads its request, works and returns the response body. Throws
/// api_error (or expr::validation_error, table_error) for the client's errors.
using operation = boost::json::object (*)(operation_context& context, const request_view& request);

/// Finds the operation named `name` (for example "PutItem"), or nullptr when lambdad does not
/// implement it.
operation find_operation(std::string_view name);

/// Whether the operation named `name` is short enough to run on the I/O thread that received
/// it, saving the hand-off to a worker thread and back.
bool runs_on_io_thread(std::string_view name);

/// Whether the operation named `name` writes one item and so goes through the write lane,
/// which commits concurrent writes together (see write_lane).
bool runs_in_write_lane(std::string_view name);

// The operations, grouped by file.
boost::json::object create_table(operation_context& context, const request_view& request);
boost::json::object describe_table(operation_context& context, const request_view& request);
boost::json::object list_tables(operation_context& context, const request_view& request);
boost::json::object delete_table(operation_context& context, const request_view& request);
boost::json::object update_table(operation_context& context, const request_view& request);
boost::json::object put_item(operation_context& context, const request_view& request);
boost::json::object get_item(operation_context& context, const request_view& request);
boost::json::object delete_item(operation_context& context, const request_view& request);
boost::json::object update_item(operation_context& context, const request_view& request);
boost::json::object query(operation_context& context, const request_view& request);
boost::json::object scan(operation_context& context, const request_view& request);
boost::json::object batch_get_item(operation_context& context, const request_view& request);
boost::json::object batch_write_item(operation_context& context, const request_view& request);
boost::json::object transact_write_items(operation_context& context, const request_view& request);
boost::json::object transact_get_items(operation_context& context, const request_view& request);
boost::json::object update_time_to_live(operation_context& context, const request_view& request);
boost::json::object describe_time_to_live(operation_context& context, const request_view& request);
boost::json::object tag_resource(operation_context& context, const request_view& request);
boost::json::object untag_resource(operation_context& context, const request_view& request);
boost::json::object list_tags_of_resource(operation_context& context, const request_view& request);
boost::json::object describe_limits(operation_context& context, const request_view& request);
boost::json::object describe_endpoints(operation_context& context, const request_view& request);

}  // namespace lambdad::dynamodb
