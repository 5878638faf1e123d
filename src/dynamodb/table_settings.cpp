#include "dynamodb/table_settings.hpp"

#include <boost/json/serialize.hpp>

namespace lambdad::dynamodb {

void save_table_settings(operation_context& context, const table_info& table,
                         const boost::json::object& metadata,
                         std::vector<storage::index_definition> indexes) {
    storage::table_definition definition = table.definition;
    definition.metadata = boost::json::serialize(metadata);
    definition.indexes = std::move(indexes);
    context.database.update_table(definition);
    context.tables.forget(table.name());
}

boost::json::object metadata_object(const boost::json::object& metadata, std::string_view key) {
    const auto* value = metadata.if_contains(key);
    return value != nullptr && value->is_object() ? value->as_object() : boost::json::object{};
}

}  // namespace lambdad::dynamodb
