#include "dynamodb/range_reads.hpp"

#include "dynamodb/api_error.hpp"
#include "dynamodb/item_support.hpp"
#include "storage/item_size.hpp"
#include "storage/key_encoding.hpp"
#include "storage/table_expressions.hpp"

#include <boost/json/array.hpp>

#include <limits>

namespace lambdad::dynamodb {
namespace {

item shape_item(const range_read_plan& plan, const item& value) {
    // DynamoDB API Reference (Query, "Select"): a local index fetches the attributes it does not
    // project from the table, so only ALL_PROJECTED_ATTRIBUTES limits its items to the
    // projection. A global index cannot fetch from the table.
    const bool index_projection =
        plan.index &&
        (plan.select == select_mode::all_projected_attributes ||
         (plan.select == select_mode::specific_attributes && plan.index->definition.global));
    item shaped = index_projection ? plan.index->project(value, plan.table->schema()) : value;
    return plan.projection ? plan.projection->apply(shaped) : shaped;
}

}  // namespace

select_mode read_select(const request_view& request, bool has_projection, const index_info* index,
                        bool is_query) {
    const auto text = request.string("Select");
    const bool attributes_to_get = request.has("AttributesToGet");
    const std::string projection_name =
        attributes_to_get ? "AttributesToGet" : "ProjectionExpression";
    if (!text) {
        if (has_projection) {
            return select_mode::specific_attributes;
        }
        return index ? select_mode::all_projected_attributes : select_mode::all_attributes;
    }
    if (*text == "COUNT") {
        if (has_projection) {
            throw api_error::validation("Cannot specify the " + projection_name +
                                        " when choosing to get only the Count");
        }
        return select_mode::count;
    }
    if (*text == "SPECIFIC_ATTRIBUTES") {
        if (!has_projection) {
            throw api_error::validation("Must specify the " + projection_name +
                                        " when choosing to get SPECIFIC_ATTRIBUTES");
        }
        return select_mode::specific_attributes;
    }
    if (*text == "ALL_PROJECTED_ATTRIBUTES") {
        if (!index) {
            throw api_error::validation(
                std::string("ALL_PROJECTED_ATTRIBUTES can be used only when ") +
                (is_query ? "Querying" : "Scanning") + " using an IndexName");
        }
        if (has_projection) {
            throw api_error::validation("Cannot specify the " + projection_name +
                                        " when choosing to get ALL_PROJECTED_ATTRIBUTES");
        }
        return select_mode::all_projected_attributes;
    }
    if (*text == "ALL_ATTRIBUTES") {
        if (has_projection) {
            throw api_error::validation("Cannot specify the " + projection_name +
                                        " when choosing to get ALL_ATTRIBUTES");
        }
        if (index && index->definition.global && index->projection_type != "ALL") {
            throw api_error::validation(
                "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not "
                "supported for global secondary index " +
                index->definition.name + " because its projection type is not ALL");
        }
        return select_mode::all_attributes;
    }
    throw api_error::validation(
        "1 validation error detected: Value '" + std::string(*text) +
        "' at 'select' failed to satisfy constraint: Member must satisfy enum value set: "
        "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
}

bool read_consistent(const request_view& request, const index_info* index) {
    const bool consistent = request.boolean("ConsistentRead").value_or(false);
    if (consistent && index && index->definition.global) {
        throw api_error::validation(
            "Consistent reads are not supported on global secondary indexes");
    }
    return consistent;
}

std::size_t read_limit(const request_view& request) {
    const auto limit = request.integer("Limit");
    if (!limit) {
        return std::numeric_limits<std::size_t>::max();
    }
    if (*limit < 1) {
        validation_errors errors;
        errors.add("'" + std::to_string(*limit) + "'", "limit",
                   "Member must have value greater than or equal to 1");
        errors.throw_if_any();
    }
    return static_cast<std::size_t>(*limit);
}

std::optional<std::vector<std::string>> read_start_position(const request_view& request,
                                                            const table_info& table,
                                                            const index_info* index) {
    const auto start = request.item_field("ExclusiveStartKey");
    if (!start) {
        return std::nullopt;
    }
    return storage::encode_start_position(table.schema(), index ? &index->definition : nullptr,
                                          *start);
}

boost::json::object run_range_read(const range_read_plan& plan) {
    const auto page = plan.table->table->read_range(plan.request);
    boost::json::array items;
    std::size_t count = 0;
    std::size_t bytes_read = 0;
    for (const auto& value : page.items) {
        bytes_read += storage::item_size(value);
        if (plan.filter && !plan.filter->matches(value)) {
            continue;
        }
        ++count;
        if (plan.select != select_mode::count) {
            items.push_back(item_object(shape_item(plan, value)));
        }
    }
    boost::json::object response;
    if (plan.select != select_mode::count) {
        response["Items"] = std::move(items);
    }
    response["Count"] = count;
    response["ScannedCount"] = page.items.size();
    if (page.stopped_early && !page.items.empty()) {
        response["LastEvaluatedKey"] = item_object(storage::last_evaluated_key(
            plan.table->schema(), plan.index ? &plan.index->definition : nullptr,
            page.items.back()));
    }
    const double units = read_units(bytes_read, plan.consistent);
    add_consumed_capacity(response, plan.capacity, plan.table->name(), units, 0);
    if (plan.capacity == capacity_detail::indexes && plan.index) {
        // With INDEXES, a read of an index reports its units under the index, not the table.
        // NOTE: whether DynamoDB also sends a zero Table entry here is unconfirmed; none is sent.
        auto& capacity = response["ConsumedCapacity"].as_object();
        capacity.erase("Table");
        const char* group =
            plan.index->definition.global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes";
        capacity[group] = boost::json::object{
            {plan.index->definition.name, boost::json::object{{"CapacityUnits", units}}}};
    }
    return response;
}

}  // namespace lambdad::dynamodb
