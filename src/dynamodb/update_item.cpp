// UpdateItem: applies an update expression (or AttributeUpdates) to an item, creating it when
// missing, atomically with its condition.

#include "dynamodb/api_error.hpp"
#include "dynamodb/capacity.hpp"
#include "dynamodb/item_support.hpp"
#include "dynamodb/request_expressions.hpp"
#include "storage/item_size.hpp"

#include <algorithm>

namespace lambdad::dynamodb {
namespace {

void reject_key_updates(const table_info& table, const expr::update& update) {
    for (const auto& path : update.updated_paths()) {
        const auto* name = std::get_if<std::string>(&path.front());
        if (name == nullptr) {
            continue;
        }
        const auto& schema = table.schema();
        if (*name == schema.hash_key.name ||
            (schema.range_key && *name == schema.range_key->name)) {
            throw api_error::validation(
                "One or more parameter values were invalid: Cannot update attribute " + *name +
                ". This attribute is part of the key");
        }
    }
}

// The item after the update: the update applied to the current item, or to an empty one when
// there is none, with the key attributes of the request.
item updated_item(const std::optional<item>& current, const item& key,
                  const std::optional<expr::update>& update) {
    item result = current.value_or(item{});
    if (update) {
        result = update->apply(result);
    }
    for (const auto& [name, value] : key) {
        result.insert_or_assign(name, value);
    }
    return result;
}

std::optional<item> returned_attributes(return_values returned, const std::optional<item>& before,
                                        const item& after,
                                        const std::optional<expr::update>& update) {
    switch (returned) {
        case return_values::none:
            return std::nullopt;
        case return_values::all_old:
            return before;
        case return_values::all_new:
            return after;
        case return_values::updated_old:
        case return_values::updated_new: {
            const item& source =
                returned == return_values::updated_old ? before.value_or(item{}) : after;
            if (!update) {
                return std::nullopt;
            }
            return expr::projection(update->updated_paths()).apply(source);
        }
    }
    return std::nullopt;
}

}  // namespace

boost::json::object update_item(operation_context& context, const request_view& request) {
    const std::string name = require_table_name(request);
    const item key = require_item(request, "Key", "key");
    request_expressions expressions(request);
    const auto update = expressions.update();
    const auto condition = expressions.condition();
    expressions.finish();
    const auto returned = read_return_values(request, false);
    const bool return_old_on_failure = read_return_old_on_failure(request);
    const auto detail = read_capacity_detail(request.string("ReturnConsumedCapacity"));

    const auto table = context.tables.get(name);
    const auto encoded = encode_request_key(*table, key);
    if (update) {
        reject_key_updates(*table, *update);
    }
    std::optional<item> before;
    const item after = context.database.pool().transact([&](storage::connection& writer) {
        before = table->table->read_in(writer, encoded);
        if (condition && !condition->matches(before.value_or(item{}))) {
            throw_condition_failed(before, return_old_on_failure);
        }
        item result = updated_item(before, key, update);
        check_item_for_write(*table, result);
        table->table->write_in(writer, encoded, before, &result);
        return result;
    });

    boost::json::object response;
    const auto attributes = returned_attributes(returned, before, after, update);
    if (attributes && !attributes->empty()) {
        response["Attributes"] = item_object(*attributes);
    }
    const std::size_t before_size = before ? storage::item_size(*before) : 0;
    add_consumed_capacity(response, detail, name, 0,
                          write_units(std::max(before_size, storage::item_size(after))));
    return response;
}

}  // namespace lambdad::dynamodb
