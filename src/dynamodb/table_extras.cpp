// UpdateTimeToLive, DescribeTimeToLive, TagResource, UntagResource, ListTagsOfResource,
// DescribeLimits and DescribeEndpoints.

#include "common/aws_account.hpp"
#include "dynamodb/api_error.hpp"
#include "dynamodb/item_support.hpp"
#include "dynamodb/table_description.hpp"
#include "dynamodb/table_settings.hpp"

#include <boost/json/array.hpp>

namespace lambdad::dynamodb {
namespace {

std::shared_ptr<const table_info> open_described_table(operation_context& context,
                                                       const request_view& request) {
    const std::string name = require_table_name(request);
    return context.tables.get(name, "Requested resource not found: Table: " + name + " not found");
}

// Tags name their table by ARN.
std::shared_ptr<const table_info> open_tagged_table(operation_context& context,
                                                    const request_view& request) {
    const auto arn = request.string("ResourceArn");
    if (!arn) {
        validation_errors errors;
        errors.add("null", "resourceArn", "Member must not be null");
        errors.throw_if_any();
    }
    const std::string prefix = table_arn("");
    if (!arn->starts_with(prefix) || arn->size() == prefix.size()) {
        throw api_error::validation("Invalid TableArn: Invalid ResourceArn provided as input " +
                                    std::string(*arn));
    }
    const std::string name(arn->substr(prefix.size()));
    return context.tables.get(
        name, "Requested resource not found: ResourceArn: " + std::string(*arn) + " not found");
}

}  // namespace

boost::json::object update_time_to_live(operation_context& context, const request_view& request) {
    const auto table = open_described_table(context, request);
    const auto specification = request.object("TimeToLiveSpecification");
    if (!specification) {
        validation_errors errors;
        errors.add("null", "timeToLiveSpecification", "Member must not be null");
        errors.throw_if_any();
    }
    const auto enabled = specification->boolean("Enabled");
    const auto attribute = specification->string("AttributeName");
    validation_errors errors;
    if (!enabled) {
        errors.add("null", "timeToLiveSpecification.enabled", "Member must not be null");
    }
    if (!attribute) {
        errors.add("null", "timeToLiveSpecification.attributeName", "Member must not be null");
    } else if (attribute->empty()) {
        errors.add("''", "timeToLiveSpecification.attributeName",
                   "Member must have length greater than or equal to 1");
    }
    errors.throw_if_any();
    const bool currently_enabled = table->ttl_attribute().has_value();
    if (*enabled && currently_enabled) {
        throw api_error::validation("TimeToLive is already enabled");
    }
    if (!*enabled && !currently_enabled) {
        throw api_error::validation("TimeToLive is already disabled");
    }
    boost::json::object metadata = table->metadata;
    boost::json::object ttl{{"AttributeName", *attribute}, {"Enabled", *enabled}};
    metadata["TimeToLive"] = ttl;
    save_table_settings(context, *table, metadata, table->definition.indexes);
    return {{"TimeToLiveSpecification", std::move(ttl)}};
}

boost::json::object describe_time_to_live(operation_context& context, const request_view& request) {
    const auto table = open_described_table(context, request);
    boost::json::object description{{"TimeToLiveStatus", "DISABLED"}};
    if (const auto attribute = table->ttl_attribute()) {
        description = {{"TimeToLiveStatus", "ENABLED"}, {"AttributeName", *attribute}};
    }
    return {{"TimeToLiveDescription", std::move(description)}};
}

boost::json::object tag_resource(operation_context& context, const request_view& request) {
    const auto table = open_tagged_table(context, request);
    const auto list = request.array("Tags");
    if (!list) {
        validation_errors errors;
        errors.add("null", "tags", "Member must not be null");
        errors.throw_if_any();
    }
    boost::json::object metadata = table->metadata;
    boost::json::object tags = metadata_object(metadata, "Tags");
    for (const auto element : *list) {
        const request_view tag = as_object(element);
        const auto key = tag.string("Key");
        const auto value = tag.string("Value");
        if (!key || !value) {
            validation_errors errors;
            errors.add("null", !key ? "tags.member.key" : "tags.member.value",
                       "Member must not be null");
            errors.throw_if_any();
        }
        tags[*key] = *value;
    }
    // DynamoDB Developer Guide ("Tagging restrictions"): at most 50 tags per resource.
    if (tags.size() > 50) {
        throw api_error::validation(
            "One or more parameter values were invalid: The number of "
            "tags exceeds the limit of 50");
    }
    metadata["Tags"] = std::move(tags);
    save_table_settings(context, *table, metadata, table->definition.indexes);
    return {};
}

boost::json::object untag_resource(operation_context& context, const request_view& request) {
    const auto table = open_tagged_table(context, request);
    const auto keys = request.string_list("TagKeys");
    if (!keys) {
        validation_errors errors;
        errors.add("null", "tagKeys", "Member must not be null");
        errors.throw_if_any();
    }
    boost::json::object metadata = table->metadata;
    boost::json::object tags = metadata_object(metadata, "Tags");
    for (const auto& key : *keys) {
        tags.erase(key);
    }
    metadata["Tags"] = std::move(tags);
    save_table_settings(context, *table, metadata, table->definition.indexes);
    return {};
}

boost::json::object list_tags_of_resource(operation_context& context, const request_view& request) {
    const auto table = open_tagged_table(context, request);
    boost::json::array tags;
    for (const auto& [key, value] : metadata_object(table->metadata, "Tags")) {
        tags.push_back(boost::json::object{{"Key", key}, {"Value", value}});
    }
    return {{"Tags", std::move(tags)}};
}

// The default quotas of DynamoDB Developer Guide ("Service, account, and table quotas"):
// 80,000 read and write units per account and 40,000 per table. lambdad enforces none.
boost::json::object describe_limits(operation_context&, const request_view&) {
    return {{"AccountMaxReadCapacityUnits", 80000},
            {"AccountMaxWriteCapacityUnits", 80000},
            {"TableMaxReadCapacityUnits", 40000},
            {"TableMaxWriteCapacityUnits", 40000}};
}

// DynamoDB returns its regional endpoint and a cache period of 1440 minutes.
boost::json::object describe_endpoints(operation_context&, const request_view&) {
    boost::json::object endpoint{{"Address", "dynamodb." + std::string(region) + ".amazonaws.com"},
                                 {"CachePeriodInMinutes", 1440}};
    return {{"Endpoints", boost::json::array{std::move(endpoint)}}};
}

}  // namespace lambdad::dynamodb
