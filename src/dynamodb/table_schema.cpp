#include "dynamodb/table_schema.hpp"

#include "dynamodb/api_error.hpp"

#include <boost/json/array.hpp>

#include <algorithm>

namespace lambdad::dynamodb {
namespace {

std::string join_names(const auto& names) {
    std::string text;
    for (const auto& name : names) {
        text += (text.empty() ? "" : ", ") + std::string(name);
    }
    return text;
}

key_attribute resolve(const std::string& name, const attribute_types& definitions) {
    const auto found = definitions.find(name);
    if (found == definitions.end()) {
        std::vector<std::string> defined;
        for (const auto& [defined_name, type] : definitions) {
            defined.push_back(defined_name);
        }
        throw api_error::validation(
            "One or more parameter values were invalid: Some index key attributes are not "
            "defined in AttributeDefinitions. Keys: [" +
            name + "], AttributeDefinitions: [" + join_names(defined) + "]");
    }
    return {name, found->second};
}

boost::json::object read_projection(const request_view& entry) {
    const auto projection = entry.object("Projection");
    if (!projection) {
        throw api_error::validation(
            "1 validation error detected: Value null at 'projection' failed to satisfy "
            "constraint: Member must not be null");
    }
    const std::string type(projection->string("ProjectionType").value_or("ALL"));
    if (type != "ALL" && type != "KEYS_ONLY" && type != "INCLUDE") {
        throw api_error::validation(
            "1 validation error detected: Value '" + type +
            "' at 'projection.projectionType' failed to satisfy constraint: Member must satisfy "
            "enum value set: [ALL, INCLUDE, KEYS_ONLY]");
    }
    boost::json::object result{{"ProjectionType", type}};
    const auto names = projection->string_list("NonKeyAttributes");
    if (type == "INCLUDE" && (!names || names->empty())) {
        throw api_error::validation(
            "One or more parameter values were invalid: ProjectionType is INCLUDE, but "
            "NonKeyAttributes is not specified");
    }
    if (type != "INCLUDE" && names) {
        throw api_error::validation(
            "One or more parameter values were invalid: ProjectionType is " + type +
            ", but NonKeyAttributes is specified");
    }
    if (names) {
        boost::json::array list;
        for (const auto& name : *names) {
            list.emplace_back(name);
        }
        result["NonKeyAttributes"] = std::move(list);
    }
    return result;
}

boost::json::object read_throughput(const request_view& throughput) {
    const auto read = throughput.integer("ReadCapacityUnits");
    const auto write = throughput.integer("WriteCapacityUnits");
    validation_errors errors;
    if (!read) {
        errors.add("null", "provisionedThroughput.readCapacityUnits", "Member must not be null");
    } else if (*read < 1) {
        errors.add("'" + std::to_string(*read) + "'", "provisionedThroughput.readCapacityUnits",
                   "Member must have value greater than or equal to 1");
    }
    if (!write) {
        errors.add("null", "provisionedThroughput.writeCapacityUnits", "Member must not be null");
    } else if (*write < 1) {
        errors.add("'" + std::to_string(*write) + "'", "provisionedThroughput.writeCapacityUnits",
                   "Member must have value greater than or equal to 1");
    }
    errors.throw_if_any();
    return {{"ReadCapacityUnits", *read}, {"WriteCapacityUnits", *write}};
}

}  // namespace

attribute_types read_attribute_definitions(simdjson::dom::array definitions) {
    attribute_types types;
    for (const auto element : definitions) {
        const request_view definition = as_object(element);
        const std::string name(definition.string("AttributeName").value_or(""));
        const std::string_view type = definition.string("AttributeType").value_or("");
        if (type != "S" && type != "N" && type != "B") {
            throw api_error::validation(
                "1 validation error detected: Value '" + std::string(type) +
                "' at 'attributeDefinitions.1.member.attributeType' failed to satisfy "
                "constraint: Member must satisfy enum value set: [B, N, S]");
        }
        const auto kind = type == "S"   ? attribute_value::kind::S
                          : type == "N" ? attribute_value::kind::N
                                        : attribute_value::kind::B;
        if (!types.emplace(name, kind).second) {
            throw api_error::validation(
                "Cannot have two attributes with the same name. Attribute name: " + name);
        }
    }
    return types;
}

key_schema read_key_schema(simdjson::dom::array elements, const attribute_types& definitions,
                           std::set<std::string>& used) {
    std::vector<std::pair<std::string, std::string>> entries;
    for (const auto element : elements) {
        const request_view entry = as_object(element);
        entries.emplace_back(entry.string("AttributeName").value_or(""),
                             entry.string("KeyType").value_or(""));
    }
    if (entries.empty() || entries.size() > 2) {
        throw api_error::validation(
            "1 validation error detected: Value at 'keySchema' failed to satisfy constraint: "
            "Member must have length " +
            std::string(entries.empty() ? "greater than or equal to 1"
                                        : "less than or equal to 2"));
    }
    if (entries[0].second != "HASH") {
        throw api_error::validation(
            "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    }
    if (entries.size() == 2 && entries[1].second != "RANGE") {
        throw api_error::validation(
            "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    }
    if (entries.size() == 2 && entries[0].first == entries[1].first) {
        throw api_error::validation(
            "Both the Hash Key and the Range Key element in the KeySchema have the same name");
    }
    key_schema schema;
    schema.hash_key = resolve(entries[0].first, definitions);
    used.insert(entries[0].first);
    if (entries.size() == 2) {
        schema.range_key = resolve(entries[1].first, definitions);
        used.insert(entries[1].first);
    }
    return schema;
}

storage::index_definition read_index(const request_view& entry, bool global,
                                     const attribute_types& definitions,
                                     std::set<std::string>& used, boost::json::object& metadata) {
    storage::index_definition index;
    index.global = global;
    index.name = std::string(entry.string("IndexName").value_or(""));
    if (index.name.size() < 3 || index.name.size() > 255) {
        throw api_error::validation(
            "1 validation error detected: Value '" + index.name +
            "' at 'indexName' failed to satisfy constraint: Member must have length " +
            (index.name.size() < 3 ? "greater than or equal to 3" : "less than or equal to 255"));
    }
    const auto key = entry.array("KeySchema");
    if (!key) {
        throw api_error::validation(
            "1 validation error detected: Value null at 'keySchema' failed to satisfy "
            "constraint: Member must not be null");
    }
    index.schema = read_key_schema(*key, definitions, used);
    boost::json::object index_metadata{{"Projection", read_projection(entry)}};
    if (const auto throughput = entry.object("ProvisionedThroughput")) {
        index_metadata["ProvisionedThroughput"] = read_throughput(*throughput);
    }
    metadata[index.name] = std::move(index_metadata);
    return index;
}

void read_billing(const request_view& request, boost::json::object& metadata,
                  bool billing_required) {
    const std::string mode(request.string("BillingMode").value_or("PROVISIONED"));
    if (mode != "PROVISIONED" && mode != "PAY_PER_REQUEST") {
        throw api_error::validation(
            "1 validation error detected: Value '" + mode +
            "' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value "
            "set: [PROVISIONED, PAY_PER_REQUEST]");
    }
    const auto throughput = request.object("ProvisionedThroughput");
    if (mode == "PAY_PER_REQUEST" && throughput) {
        throw api_error::validation(
            "One or more parameter values were invalid: Neither ReadCapacityUnits nor "
            "WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
    }
    if (mode == "PROVISIONED" && !throughput && billing_required) {
        throw api_error::validation(
            "One or more parameter values were invalid: ReadCapacityUnits and "
            "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
    }
    metadata["BillingMode"] = mode;
    if (throughput) {
        metadata["ProvisionedThroughput"] = read_throughput(*throughput);
    } else {
        metadata.erase("ProvisionedThroughput");
    }
}

}  // namespace lambdad::dynamodb
