// CreateTable, DescribeTable, ListTables and DeleteTable.

#include "dynamodb/api_error.hpp"
#include "dynamodb/item_support.hpp"
#include "dynamodb/operation.hpp"
#include "dynamodb/table_description.hpp"
#include "dynamodb/table_schema.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>

namespace lambdad::dynamodb {
namespace {

// DynamoDB Developer Guide ("Service, account, and table quotas"): 20 global and 5 local
// secondary indexes per table by default.
constexpr std::size_t max_global_indexes = 20;
constexpr std::size_t max_local_indexes = 5;

void read_indexes(const request_view& request, const attribute_types& definitions,
                  std::set<std::string>& used, storage::table_definition& definition,
                  boost::json::object& index_metadata) {
    for (const bool global : {true, false}) {
        const auto list =
            request.array(global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
        if (!list) {
            continue;
        }
        std::size_t count = 0;
        for (const auto element : *list) {
            auto index = read_index(as_object(element), global, definitions, used, index_metadata);
            const bool duplicate = std::any_of(
                definition.indexes.begin(), definition.indexes.end(),
                [&](const storage::index_definition& other) { return other.name == index.name; });
            if (duplicate) {
                throw api_error::validation(
                    "One or more parameter values were invalid: Duplicate index name: " +
                    index.name);
            }
            if (!global && !definition.schema.range_key) {
                throw api_error::validation(
                    "One or more parameter values were invalid: Table KeySchema does not have a "
                    "range key, which is required when specifying a LocalSecondaryIndex");
            }
            if (!global && (index.schema.hash_key.name != definition.schema.hash_key.name ||
                            !index.schema.range_key)) {
                throw api_error::validation(
                    "One or more parameter values were invalid: Index KeySchema does not have "
                    "the same leading hash key as table KeySchema for index: " +
                    index.name + ". index hash key: " + index.schema.hash_key.name +
                    ", table hash key: " + definition.schema.hash_key.name);
            }
            definition.indexes.push_back(std::move(index));
            ++count;
        }
        if (count > (global ? max_global_indexes : max_local_indexes)) {
            throw api_error::validation(
                std::string("One or more parameter values were invalid: Number of ") +
                (global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes") +
                " exceeds per-table limit of " +
                std::to_string(global ? max_global_indexes : max_local_indexes));
        }
    }
}

void check_all_definitions_used(const attribute_types& definitions,
                                const std::set<std::string>& used) {
    if (definitions.size() == used.size()) {
        return;
    }
    std::string defined;
    for (const auto& [name, type] : definitions) {
        defined += (defined.empty() ? "" : ", ") + name;
    }
    std::string keys;
    for (const auto& name : used) {
        keys += (keys.empty() ? "" : ", ") + name;
    }
    throw api_error::validation(
        "One or more parameter values were invalid: Some AttributeDefinitions are not used. "
        "AttributeDefinitions: [" +
        defined + "], keys used: [" + keys + "]");
}

// A global index has its own throughput on a provisioned table and none on an on-demand one.
void check_index_throughput(const storage::table_definition& definition,
                            const boost::json::object& index_metadata, bool provisioned) {
    for (const auto& index : definition.indexes) {
        if (!index.global) {
            continue;
        }
        const bool has_throughput =
            index_metadata.at(index.name).as_object().contains("ProvisionedThroughput");
        if (provisioned && !has_throughput) {
            throw api_error::validation(
                "One or more parameter values were invalid: ProvisionedThroughput must be "
                "specified for index: " +
                index.name);
        }
        if (!provisioned && has_throughput) {
            throw api_error::validation(
                "One or more parameter values were invalid: ProvisionedThroughput should not be "
                "specified for index: " +
                index.name + " when BillingMode is PAY_PER_REQUEST");
        }
    }
}

boost::json::object read_tags(const request_view& request) {
    boost::json::object tags;
    if (const auto list = request.array("Tags")) {
        for (const auto element : *list) {
            const request_view tag = as_object(element);
            tags[tag.string("Key").value_or("")] = tag.string("Value").value_or("");
        }
    }
    return tags;
}

storage::table_definition read_create_request(const request_view& request) {
    validation_errors errors;
    storage::table_definition definition;
    definition.name = read_table_name(request, errors);
    const auto key = request.array("KeySchema");
    const auto attributes = request.array("AttributeDefinitions");
    if (!key) {
        errors.add("null", "keySchema", "Member must not be null");
    }
    if (!attributes) {
        errors.add("null", "attributeDefinitions", "Member must not be null");
    }
    errors.throw_if_any();

    const attribute_types definitions = read_attribute_definitions(*attributes);
    std::set<std::string> used;
    definition.schema = read_key_schema(*key, definitions, used);
    boost::json::object index_metadata;
    read_indexes(request, definitions, used, definition, index_metadata);
    check_all_definitions_used(definitions, used);

    boost::json::object metadata;
    boost::json::array definition_list;
    for (const auto& [name, type] : definitions) {
        definition_list.push_back(boost::json::object{
            {"AttributeName", name}, {"AttributeType", std::string(to_string(type))}});
    }
    metadata["AttributeDefinitions"] = std::move(definition_list);
    read_billing(request, metadata, true);
    check_index_throughput(definition, index_metadata,
                           metadata.at("BillingMode").as_string() == "PROVISIONED");
    metadata["Indexes"] = std::move(index_metadata);
    metadata["Tags"] = read_tags(request);
    if (const auto stream = request.object("StreamSpecification")) {
        metadata["StreamSpecification"] = boost::json::object{
            {"StreamEnabled", stream->boolean("StreamEnabled").value_or(false)}};
    }
    if (const auto table_class = request.string("TableClass")) {
        metadata["TableClass"] = *table_class;
    }
    definition.metadata = boost::json::serialize(metadata);
    return definition;
}

}  // namespace

boost::json::object create_table(operation_context& context, const request_view& request) {
    auto definition = read_create_request(request);
    const std::string name = definition.name;
    auto table = context.database.create_table(std::move(definition));
    context.tables.forget(name);
    const auto info = context.tables.get(name);
    return {{"TableDescription", describe(*info)}};
}

boost::json::object describe_table(operation_context& context, const request_view& request) {
    const std::string name = require_table_name(request);
    const auto info =
        context.tables.get(name, "Requested resource not found: Table: " + name + " not found");
    return {{"Table", describe(*info)}};
}

boost::json::object list_tables(operation_context& context, const request_view& request) {
    const auto limit = request.integer("Limit");
    if (limit && (*limit < 1 || *limit > 100)) {
        validation_errors errors;
        errors.add("'" + std::to_string(*limit) + "'", "limit",
                   *limit < 1 ? "Member must have value greater than or equal to 1"
                              : "Member must have value less than or equal to 100");
        errors.throw_if_any();
    }
    const std::string start(request.string("ExclusiveStartTableName").value_or(""));
    const std::size_t page_size = static_cast<std::size_t>(limit.value_or(100));
    const auto names = context.database.table_names();
    auto first = std::upper_bound(names.begin(), names.end(), start);
    boost::json::array page;
    while (first != names.end() && page.size() < page_size) {
        page.emplace_back(*first++);
    }
    boost::json::object response{{"TableNames", page}};
    // DynamoDB returns LastEvaluatedTableName when the page is full and more names may follow.
    if (first != names.end() && !page.empty()) {
        response["LastEvaluatedTableName"] = page.back();
    }
    return response;
}

boost::json::object delete_table(operation_context& context, const request_view& request) {
    const std::string name = require_table_name(request);
    const auto info =
        context.tables.get(name, "Requested resource not found: Table: " + name + " not found");
    auto description = describe(*info, "DELETING");
    try {
        context.database.delete_table(name);
    } catch (const table_error& error) {
        if (error.type() == "ResourceNotFoundException") {
            throw api_error::table_not_found(name);
        }
        throw;
    }
    context.tables.forget(name);
    return {{"TableDescription", std::move(description)}};
}

}  // namespace lambdad::dynamodb
