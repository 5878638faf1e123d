#include "dynamodb/table_info.hpp"

#include "dynamodb/api_error.hpp"
#include "dynamodb/service_logger.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>

namespace lambdad::dynamodb {
namespace {

void copy_attribute(const item& from, item& to, const std::string& name) {
    const auto found = from.find(name);
    if (found != from.end()) {
        to.insert_or_assign(found->first, found->second);
    }
}

void copy_key_attributes(const item& from, item& to, const key_schema& schema) {
    copy_attribute(from, to, schema.hash_key.name);
    if (schema.range_key) {
        copy_attribute(from, to, schema.range_key->name);
    }
}

boost::json::object attribute_definition(const key_attribute& attribute) {
    return {{"AttributeName", attribute.name},
            {"AttributeType", std::string(to_string(attribute.type))}};
}

index_info read_index(const storage::index_definition& definition,
                      const boost::json::object& metadata) {
    index_info index{definition, "ALL", {}};
    const auto* indexes = metadata.if_contains("Indexes");
    if (indexes == nullptr || !indexes->is_object()) {
        return index;
    }
    const auto* entry = indexes->as_object().if_contains(definition.name);
    if (entry == nullptr || !entry->is_object()) {
        return index;
    }
    const auto* projection = entry->as_object().if_contains("Projection");
    if (projection == nullptr || !projection->is_object()) {
        return index;
    }
    if (const auto* type = projection->as_object().if_contains("ProjectionType")) {
        index.projection_type = std::string(type->as_string());
    }
    if (const auto* names = projection->as_object().if_contains("NonKeyAttributes")) {
        for (const auto& name : names->as_array()) {
            index.non_key_attributes.emplace_back(name.as_string());
        }
    }
    return index;
}

}  // namespace

item index_info::project(const item& value, const key_schema& table_key) const {
    if (projection_type == "ALL") {
        return value;
    }
    item projected;
    copy_key_attributes(value, projected, table_key);
    copy_key_attributes(value, projected, definition.schema);
    for (const auto& name : non_key_attributes) {
        copy_attribute(value, projected, name);
    }
    return projected;
}

const index_info* table_info::find_index(std::string_view name) const {
    const auto found = std::find_if(indexes.begin(), indexes.end(), [&](const index_info& index) {
        return index.definition.name == name;
    });
    return found == indexes.end() ? nullptr : &*found;
}

std::optional<std::string> table_info::ttl_attribute() const {
    const auto* ttl = metadata.if_contains("TimeToLive");
    if (ttl == nullptr || !ttl->is_object()) {
        return std::nullopt;
    }
    const auto* enabled = ttl->as_object().if_contains("Enabled");
    const auto* name = ttl->as_object().if_contains("AttributeName");
    if (enabled == nullptr || !enabled->is_bool() || !enabled->as_bool() || name == nullptr) {
        return std::nullopt;
    }
    return std::string(name->as_string());
}

boost::json::object default_metadata(const key_schema& schema) {
    boost::json::array definitions{attribute_definition(schema.hash_key)};
    if (schema.range_key) {
        definitions.push_back(attribute_definition(*schema.range_key));
    }
    return {{"AttributeDefinitions", std::move(definitions)}, {"BillingMode", "PAY_PER_REQUEST"}};
}

std::shared_ptr<const table_info> make_table_info(storage::table_definition definition,
                                                  std::shared_ptr<storage::sqlite_table> table) {
    auto info = std::make_shared<table_info>();
    info->metadata = default_metadata(definition.schema);
    if (!definition.metadata.empty()) {
        boost::system::error_code error;
        auto parsed = boost::json::parse(definition.metadata, error);
        if (!error && parsed.is_object()) {
            info->metadata = std::move(parsed.as_object());
        } else {
            service_logger()->error("Stored table metadata is not a JSON object. table={}",
                                    definition.name);
        }
    }
    for (const auto& index : definition.indexes) {
        info->indexes.push_back(read_index(index, info->metadata));
    }
    info->definition = std::move(definition);
    info->table = std::move(table);
    return info;
}

std::shared_ptr<const table_info> table_cache::get(const std::string& name,
                                                   const std::string& not_found_message) {
    {
        std::lock_guard lock(mutex_);
        const auto found = tables_.find(name);
        if (found != tables_.end() && !found->second->table->deleted()) {
            return found->second;
        }
    }
    auto definition = database_.describe_table(name);
    if (!definition) {
        throw api_error::resource_not_found(not_found_message);
    }
    auto table = database_.open_sqlite_table(name);
    auto info = make_table_info(std::move(*definition), std::move(table));
    std::lock_guard lock(mutex_);
    tables_.insert_or_assign(name, info);
    return info;
}

void table_cache::forget(const std::string& name) {
    std::lock_guard lock(mutex_);
    tables_.erase(name);
}

}  // namespace lambdad::dynamodb
