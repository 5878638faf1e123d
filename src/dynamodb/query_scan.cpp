// Query and Scan: key-range reads of a table or index, then filter and projection.

#include "dynamodb/api_error.hpp"
#include "dynamodb/item_support.hpp"
#include "dynamodb/range_reads.hpp"
#include "dynamodb/request_expressions.hpp"
#include "storage/key_encoding.hpp"

namespace lambdad::dynamodb {
namespace {

const index_info* find_request_index(const table_info& table, const request_view& request) {
    const auto name = request.string("IndexName");
    if (!name) {
        return nullptr;
    }
    const index_info* index = table.find_index(*name);
    if (index == nullptr) {
        throw api_error::validation("The table does not have the specified index: " +
                                    std::string(*name));
    }
    return index;
}

void read_segments(const request_view& request, storage::range_request& range) {
    const auto segment = request.integer("Segment");
    const auto total = request.integer("TotalSegments");
    validation_errors errors;
    if (segment && *segment < 0) {
        errors.add("'" + std::to_string(*segment) + "'", "segment",
                   "Member must have value greater than or equal to 0");
    }
    if (total && (*total < 1 || *total > 1000000)) {
        errors.add("'" + std::to_string(*total) + "'", "totalSegments",
                   *total < 1 ? "Member must have value greater than or equal to 1"
                              : "Member must have value less than or equal to 1000000");
    }
    errors.throw_if_any();
    if (total && !segment) {
        throw api_error::validation(
            "The Segment parameter is required but was not present in the request when "
            "parameter TotalSegments is present");
    }
    if (segment && !total) {
        throw api_error::validation(
            "The TotalSegments parameter is required but was not present in the request when "
            "Segment parameter is present");
    }
    if (segment && *segment >= *total) {
        throw api_error::validation(
            "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
            "Segment: " +
            std::to_string(*segment) +
            " is not less than TotalSegments: " + std::to_string(*total));
    }
    if (segment) {
        range.segment = static_cast<std::uint32_t>(*segment);
        range.total_segments = static_cast<std::uint32_t>(*total);
    }
}

range_read_plan common_plan(operation_context& context, const request_view& request) {
    range_read_plan plan;
    plan.table = context.tables.get(require_table_name(request));
    plan.index = find_request_index(*plan.table, request);
    if (plan.index) {
        plan.request.index = plan.index->definition;
    }
    plan.consistent = read_consistent(request, plan.index);
    plan.request.limit = read_limit(request);
    plan.capacity = read_capacity_detail(request.string("ReturnConsumedCapacity"));
    return plan;
}

}  // namespace

boost::json::object query(operation_context& context, const request_view& request) {
    range_read_plan plan = common_plan(context, request);
    request_expressions expressions(request);
    const key_schema& schema = plan.index ? plan.index->definition.schema : plan.table->schema();
    const auto key_condition = expressions.key_condition(schema);
    if (!key_condition) {
        throw api_error::validation(
            "Either the KeyConditions or KeyConditionExpression parameter must be specified in "
            "the request.");
    }
    plan.filter = expressions.filter("QueryFilter");
    plan.projection = expressions.projection();
    expressions.finish();
    plan.select = read_select(request, plan.projection.has_value(), plan.index, true);
    plan.request.hash = storage::encode_key(key_condition->hash_value);
    if (key_condition->range) {
        storage::set_range_bounds(plan.request, *key_condition->range);
    }
    plan.request.forward = request.boolean("ScanIndexForward").value_or(true);
    plan.request.after = read_start_position(request, *plan.table, plan.index);
    return run_range_read(plan);
}

boost::json::object scan(operation_context& context, const request_view& request) {
    range_read_plan plan = common_plan(context, request);
    request_expressions expressions(request);
    plan.filter = expressions.filter("ScanFilter");
    plan.projection = expressions.projection();
    expressions.finish();
    plan.select = read_select(request, plan.projection.has_value(), plan.index, false);
    read_segments(request, plan.request);
    plan.request.after = read_start_position(request, *plan.table, plan.index);
    return run_range_read(plan);
}

}  // namespace lambdad::dynamodb
