// UpdateTable: billing mode, provisioned throughput, streams, table class, and creating or
// deleting global secondary indexes.

#include "dynamodb/api_error.hpp"
#include "dynamodb/item_support.hpp"
#include "dynamodb/table_description.hpp"
#include "dynamodb/table_schema.hpp"
#include "dynamodb/table_settings.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace lambdad::dynamodb {
namespace {

attribute_types merged_definitions(const table_info& table, const request_view& request) {
    attribute_types types;
    if (const auto* stored = table.metadata.if_contains("AttributeDefinitions")) {
        for (const auto& entry : stored->as_array()) {
            const auto& object = entry.as_object();
            const std::string_view type = object.at("AttributeType").as_string();
            types[std::string(object.at("AttributeName").as_string())] =
                type == "N" ? attribute_value::kind::N
                            : (type == "B" ? attribute_value::kind::B : attribute_value::kind::S);
        }
    }
    if (const auto list = request.array("AttributeDefinitions")) {
        for (const auto& [name, type] : read_attribute_definitions(*list)) {
            types[name] = type;
        }
    }
    return types;
}

boost::json::array definitions_json(const attribute_types& types) {
    boost::json::array list;
    for (const auto& [name, type] : types) {
        list.push_back(boost::json::object{{"AttributeName", name},
                                           {"AttributeType", std::string(to_string(type))}});
    }
    return list;
}

void apply_index_update(const request_view& update, const attribute_types& types,
                        std::vector<storage::index_definition>& indexes,
                        boost::json::object& index_metadata, bool provisioned) {
    const auto find = [&](std::string_view name) {
        return std::find_if(
            indexes.begin(), indexes.end(),
            [&](const storage::index_definition& index) { return index.name == name; });
    };
    if (const auto create = update.object("Create")) {
        std::set<std::string> used;
        auto index = read_index(*create, true, types, used, index_metadata);
        if (find(index.name) != indexes.end()) {
            throw api_error::validation(
                "One or more parameter values were invalid: Index with name: " + index.name +
                " already exists");
        }
        if (provisioned &&
            !metadata_object(index_metadata, index.name).contains("ProvisionedThroughput")) {
            throw api_error::validation(
                "One or more parameter values were invalid: ProvisionedThroughput must be "
                "specified for index: " +
                index.name);
        }
        indexes.push_back(std::move(index));
    } else if (const auto remove = update.object("Delete")) {
        const std::string name(remove->string("IndexName").value_or(""));
        const auto found = find(name);
        if (found == indexes.end() || !found->global) {
            throw api_error::resource_not_found("Requested resource not found: Index: " + name +
                                                " not found");
        }
        indexes.erase(found);
        index_metadata.erase(name);
    } else if (const auto change = update.object("Update")) {
        const std::string name(change->string("IndexName").value_or(""));
        if (find(name) == indexes.end()) {
            throw api_error::resource_not_found("Requested resource not found: Index: " + name +
                                                " not found");
        }
        boost::json::object entry = metadata_object(index_metadata, name);
        boost::json::object throughput_holder;
        read_billing(*change, throughput_holder, false);
        if (const auto* throughput = throughput_holder.if_contains("ProvisionedThroughput")) {
            entry["ProvisionedThroughput"] = *throughput;
        }
        index_metadata[name] = std::move(entry);
    }
}

}  // namespace

boost::json::object update_table(operation_context& context, const request_view& request) {
    const std::string name = require_table_name(request);
    const auto table =
        context.tables.get(name, "Requested resource not found: Table: " + name + " not found");
    boost::json::object metadata = table->metadata;
    auto indexes = table->definition.indexes;
    const attribute_types types = merged_definitions(*table, request);
    boost::json::object index_metadata = metadata_object(metadata, "Indexes");
    const auto* billing = metadata.if_contains("BillingMode");
    const bool provisioned =
        billing == nullptr || !billing->is_string() || billing->as_string() != "PAY_PER_REQUEST";
    bool changed = false;
    if (const auto updates = request.array("GlobalSecondaryIndexUpdates")) {
        for (const auto element : *updates) {
            apply_index_update(as_object(element), types, indexes, index_metadata, provisioned);
            changed = true;
        }
    }
    if (request.has("BillingMode") || request.has("ProvisionedThroughput")) {
        read_billing(request, metadata, true);
        changed = true;
    }
    if (const auto stream = request.object("StreamSpecification")) {
        metadata["StreamSpecification"] = boost::json::object{
            {"StreamEnabled", stream->boolean("StreamEnabled").value_or(false)}};
        changed = true;
    }
    if (const auto table_class = request.string("TableClass")) {
        metadata["TableClass"] = *table_class;
        changed = true;
    }
    if (request.has("DeletionProtectionEnabled")) {
        changed = true;
    }
    if (!changed) {
        throw api_error::validation(
            "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
            "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
    }
    metadata["AttributeDefinitions"] = definitions_json(types);
    metadata["Indexes"] = std::move(index_metadata);
    save_table_settings(context, *table, metadata, std::move(indexes));
    return {{"TableDescription", describe(*context.tables.get(name))}};
}

}  // namespace lambdad::dynamodb
