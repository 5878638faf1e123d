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
        storage::reject_key_updates(table->schema(), *update);
    }
    const auto result = run_conditional_write(return_old_on_failure, [&] {
        return context.database.pool().transact([&](storage::connection& writer) {
            return storage::update_in(
                *table->table, writer, encoded, key, update ? &*update : nullptr,
                condition ? &*condition : nullptr,
                [&](const item& after) { check_item_for_write(*table, after); });
        });
    });
    const std::optional<item>& before = result.before;
    const item& after = result.after;

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
