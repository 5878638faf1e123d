// PutItem, GetItem and DeleteItem.

#include "dynamodb/api_error.hpp"
#include "dynamodb/capacity.hpp"
#include "dynamodb/item_support.hpp"
#include "dynamodb/request_expressions.hpp"
#include "storage/item_size.hpp"
#include "storage/sqlite_table.hpp"

#include <algorithm>

namespace lambdad::dynamodb {
namespace {

std::size_t size_of(const std::optional<item>& value) {
    return value ? storage::item_size(*value) : 0;
}

}  // namespace

boost::json::object put_item(operation_context& context, const request_view& request) {
    const std::string name = require_table_name(request);
    item value = require_item(request, "Item", "item");
    request_expressions expressions(request);
    const auto condition = expressions.condition();
    expressions.finish();
    const auto returned = read_return_values(request, true);
    const bool return_old_on_failure = read_return_old_on_failure(request);
    const auto detail = read_capacity_detail(request.string("ReturnConsumedCapacity"));

    const auto table = context.tables.get(name);
    const auto key = storage::encode_item_key(table->schema(), value);
    check_item_for_write(*table, value);
    const auto previous = run_conditional_write(return_old_on_failure, [&] {
        return context.database.pool().transact([&](storage::connection& writer) {
            return storage::put_in(*table->table, writer, key, value,
                                   condition ? &*condition : nullptr);
        });
    });

    boost::json::object response;
    if (returned == return_values::all_old && previous) {
        response["Attributes"] = item_object(*previous);
    }
    // DynamoDB Developer Guide ("Read/write capacity mode"): a write consumes capacity for the
    // larger of the item before and after it.
    add_consumed_capacity(response, detail, name, 0,
                          write_units(std::max(size_of(previous), storage::item_size(value))));
    return response;
}

boost::json::object get_item(operation_context& context, const request_view& request) {
    const std::string name = require_table_name(request);
    const item key = require_item(request, "Key", "key");
    request_expressions expressions(request);
    const auto projection = expressions.projection();
    expressions.finish();
    const bool consistent = request.boolean("ConsistentRead").value_or(false);
    const auto detail = read_capacity_detail(request.string("ReturnConsumedCapacity"));

    const auto table = context.tables.get(name);
    const auto encoded = encode_request_key(*table, key);
    const auto found = storage::translate_sqlite_errors([&] {
        return context.database.pool().read(
            [&](storage::connection& reader) { return table->table->read_in(reader, encoded); });
    });

    boost::json::object response;
    if (found) {
        response["Item"] = item_object(projection ? projection->apply(*found) : *found);
    }
    add_consumed_capacity(response, detail, name, read_units(size_of(found), consistent), 0);
    return response;
}

boost::json::object delete_item(operation_context& context, const request_view& request) {
    const std::string name = require_table_name(request);
    const item key = require_item(request, "Key", "key");
    request_expressions expressions(request);
    const auto condition = expressions.condition();
    expressions.finish();
    const auto returned = read_return_values(request, true);
    const bool return_old_on_failure = read_return_old_on_failure(request);
    const auto detail = read_capacity_detail(request.string("ReturnConsumedCapacity"));

    const auto table = context.tables.get(name);
    const auto encoded = encode_request_key(*table, key);
    const auto previous = run_conditional_write(return_old_on_failure, [&] {
        return context.database.pool().transact([&](storage::connection& writer) {
            return storage::erase_in(*table->table, writer, encoded,
                                     condition ? &*condition : nullptr);
        });
    });

    boost::json::object response;
    if (returned == return_values::all_old && previous) {
        response["Attributes"] = item_object(*previous);
    }
    add_consumed_capacity(response, detail, name, 0, write_units(size_of(previous)));
    return response;
}

}  // namespace lambdad::dynamodb
