#include "dynamodb/table_description.hpp"

#include "common/aws_account.hpp"

#include <boost/json/array.hpp>

namespace lambdad::dynamodb {
namespace {

boost::json::array key_schema_json(const key_schema& schema) {
    boost::json::array elements{
        boost::json::object{{"AttributeName", schema.hash_key.name}, {"KeyType", "HASH"}}};
    if (schema.range_key) {
        elements.push_back(
            boost::json::object{{"AttributeName", schema.range_key->name}, {"KeyType", "RANGE"}});
    }
    return elements;
}

const boost::json::object* member_object(const boost::json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_object() ? &value->as_object() : nullptr;
}

// On-demand tables report zero provisioned units, as DynamoDB does.
boost::json::object throughput_json(const boost::json::object* provisioned) {
    boost::json::object throughput{
        {"NumberOfDecreasesToday", 0}, {"ReadCapacityUnits", 0}, {"WriteCapacityUnits", 0}};
    if (provisioned != nullptr) {
        for (const auto* key : {"ReadCapacityUnits", "WriteCapacityUnits"}) {
            if (const auto* value = provisioned->if_contains(key)) {
                throughput[key] = *value;
            }
        }
    }
    return throughput;
}

boost::json::object index_json(const table_info& table, const index_info& index,
                               bool with_statistics) {
    boost::json::object projection{{"ProjectionType", index.projection_type}};
    if (!index.non_key_attributes.empty()) {
        boost::json::array names;
        for (const auto& name : index.non_key_attributes) {
            names.emplace_back(name);
        }
        projection["NonKeyAttributes"] = std::move(names);
    }
    boost::json::object description{
        {"IndexName", index.definition.name},
        {"KeySchema", key_schema_json(index.definition.schema)},
        {"Projection", std::move(projection)},
        {"IndexArn", table_arn(table.name()) + "/index/" + index.definition.name}};
    if (with_statistics) {
        const auto statistics = table.table->statistics(index.definition.name);
        description["IndexSizeBytes"] = statistics.size_bytes;
        description["ItemCount"] = statistics.item_count;
    }
    if (index.definition.global) {
        description["IndexStatus"] = "ACTIVE";
        const boost::json::object* provisioned = nullptr;
        if (const auto* indexes = member_object(table.metadata, "Indexes")) {
            if (const auto* entry = member_object(*indexes, index.definition.name)) {
                provisioned = member_object(*entry, "ProvisionedThroughput");
            }
        }
        description["ProvisionedThroughput"] = throughput_json(provisioned);
    }
    return description;
}

void add_indexes(boost::json::object& description, const table_info& table, bool with_statistics) {
    boost::json::array global;
    boost::json::array local;
    for (const auto& index : table.indexes) {
        (index.definition.global ? global : local)
            .push_back(index_json(table, index, with_statistics));
    }
    if (!global.empty()) {
        description["GlobalSecondaryIndexes"] = std::move(global);
    }
    if (!local.empty()) {
        description["LocalSecondaryIndexes"] = std::move(local);
    }
}

}  // namespace

std::string table_arn(const std::string& table) {
    return "arn:aws:dynamodb:" + std::string(region) + ":" + std::string(account_id) + ":table/" +
           table;
}

boost::json::object describe(const table_info& table, const std::string& status,
                             bool with_statistics) {
    const auto& metadata = table.metadata;
    boost::json::object description{
        {"TableName", table.name()},
        {"KeySchema", key_schema_json(table.schema())},
        {"TableStatus", status},
        {"CreationDateTime", static_cast<double>(table.definition.created_at_ms) / 1000.0},
        {"TableArn", table_arn(table.name())},
        {"DeletionProtectionEnabled", false}};
    if (const auto* definitions = metadata.if_contains("AttributeDefinitions")) {
        description["AttributeDefinitions"] = *definitions;
    }
    description["ProvisionedThroughput"] =
        throughput_json(member_object(metadata, "ProvisionedThroughput"));
    const auto* billing = metadata.if_contains("BillingMode");
    if (billing != nullptr && billing->is_string() && billing->as_string() == "PAY_PER_REQUEST") {
        description["BillingModeSummary"] =
            boost::json::object{{"BillingMode", "PAY_PER_REQUEST"},
                                {"LastUpdateToPayPerRequestDateTime",
                                 static_cast<double>(table.definition.created_at_ms) / 1000.0}};
    }
    if (with_statistics) {
        const auto statistics = table.table->statistics(std::nullopt);
        description["TableSizeBytes"] = statistics.size_bytes;
        description["ItemCount"] = statistics.item_count;
    } else {
        description["TableSizeBytes"] = 0;
        description["ItemCount"] = 0;
    }
    add_indexes(description, table, with_statistics);
    if (const auto* stream = member_object(metadata, "StreamSpecification")) {
        description["StreamSpecification"] = *stream;
    }
    if (const auto* table_class = metadata.if_contains("TableClass")) {
        description["TableClassSummary"] = boost::json::object{{"TableClass", *table_class}};
    }
    return description;
}

}  // namespace lambdad::dynamodb
