// TransactWriteItems and TransactGetItems: all actions in one SQLite transaction.

#include "dynamodb/api_error.hpp"
#include "dynamodb/capacity.hpp"
#include "dynamodb/item_support.hpp"
#include "dynamodb/request_expressions.hpp"
#include "storage/item_json.hpp"
#include "storage/item_size.hpp"
#include "storage/sqlite_table.hpp"

#include <boost/json/array.hpp>

#include <set>

namespace lambdad::dynamodb {
namespace {

// DynamoDB API Reference (TransactWriteItems, TransactGetItems): 1 to 100 actions.
constexpr std::size_t max_transaction_actions = 100;

enum class action_kind { condition_check, put, remove, update };

// One action of TransactWriteItems, parsed and checked before the transaction starts.
struct write_action {
    action_kind kind = action_kind::put;
    std::shared_ptr<const table_info> table;
    storage::encoded_key key;
    item key_item;
    std::optional<item> value;
    std::optional<expr::condition> condition;
    std::optional<expr::update> update;
    bool return_old_on_failure = false;
};

void check_action_count(simdjson::dom::array list, std::string_view class_name) {
    const std::size_t count = list.size();
    if (count == 0 || count > max_transaction_actions) {
        validation_errors errors;
        errors.add("'[" + java_object_names(list, class_name) + "]'", "transactItems",
                   count == 0 ? "Member must have length greater than or equal to 1"
                              : "Member must have length less than or equal to 100");
        errors.throw_if_any();
    }
}

std::pair<action_kind, request_view> read_action_member(const request_view& entry) {
    const std::pair<std::string_view, action_kind> members[] = {
        {"ConditionCheck", action_kind::condition_check},
        {"Put", action_kind::put},
        {"Delete", action_kind::remove},
        {"Update", action_kind::update}};
    std::optional<std::pair<action_kind, request_view>> found;
    for (const auto& [name, kind] : members) {
        if (const auto body = entry.object(name)) {
            if (found) {
                throw api_error::validation(
                    "TransactItems can only contain one of Check, Put, Update or Delete");
            }
            found.emplace(kind, *body);
        }
    }
    if (!found) {
        throw api_error::validation(
            "TransactItems can only contain one of Check, Put, Update or Delete");
    }
    return *found;
}

write_action read_write_action(operation_context& context, const request_view& entry) {
    const auto [kind, body] = read_action_member(entry);
    write_action action;
    action.kind = kind;
    request_expressions expressions(body);
    if (kind == action_kind::update) {
        action.update = expressions.update();
    }
    action.condition = expressions.condition();
    expressions.finish();
    if (kind == action_kind::condition_check && !action.condition) {
        throw api_error::validation("The ConditionCheck request must have a ConditionExpression");
    }
    action.return_old_on_failure = read_return_old_on_failure(body);
    action.table = open_request_table(context, body);
    if (kind == action_kind::put) {
        action.value = require_item(body, "Item", "item");
        action.key = storage::encode_item_key(action.table->schema(), *action.value);
        check_item_for_write(*action.table, *action.value);
    } else {
        action.key_item = require_item(body, "Key", "key");
        action.key = encode_request_key(*action.table, action.key_item);
    }
    return action;
}

boost::json::object failure_reason(std::string code, const std::string& message) {
    return {{"Code", std::move(code)}, {"Message", message}};
}

// Computes the item an update action writes; DynamoDB cancels the transaction with a
// ValidationError reason when the update cannot apply.
item apply_update(const write_action& action, const std::optional<item>& current) {
    item result = current.value_or(item{});
    if (action.update) {
        result = action.update->apply(result);
    }
    for (const auto& [name, value] : action.key_item) {
        result.insert_or_assign(name, value);
    }
    check_item_for_write(*action.table, result);
    return result;
}

}  // namespace

boost::json::object transact_write_items(operation_context& context, const request_view& request) {
    const auto list = request.array("TransactItems");
    if (!list) {
        validation_errors errors;
        errors.add("null", "transactItems", "Member must not be null");
        errors.throw_if_any();
    }
    check_action_count(*list, "TransactWriteItem");
    const auto detail = read_capacity_detail(request.string("ReturnConsumedCapacity"));
    std::vector<write_action> actions;
    std::set<std::string> seen;
    for (const auto element : *list) {
        actions.push_back(read_write_action(context, as_object(element)));
        const auto& action = actions.back();
        if (!seen.insert(action.table->name() + '\0' + action.key.hash + '\0' + action.key.range)
                 .second) {
            throw api_error::validation(
                "Transaction request cannot include multiple operations on one item");
        }
    }

    std::map<std::string, double> units;
    context.database.pool().transact([&](storage::connection& writer) {
        boost::json::array reasons;
        std::string codes;
        bool canceled = false;
        std::vector<std::optional<item>> currents;
        std::vector<std::optional<item>> replacements(actions.size());
        for (std::size_t i = 0; i < actions.size(); ++i) {
            const auto& action = actions[i];
            currents.push_back(action.table->table->read_in(writer, action.key));
            boost::json::object reason{{"Code", "None"}};
            if (action.condition && !action.condition->matches(currents[i].value_or(item{}))) {
                reason = failure_reason("ConditionalCheckFailed", "The conditional request failed");
                if (action.return_old_on_failure && currents[i]) {
                    reason["Item"] = item_object(*currents[i]);
                }
                canceled = true;
            } else if (action.kind == action_kind::update) {
                try {
                    replacements[i] = apply_update(action, currents[i]);
                } catch (const expr::validation_error& error) {
                    reason = failure_reason("ValidationError", error.what());
                    canceled = true;
                } catch (const api_error& error) {
                    reason = failure_reason("ValidationError", error.what());
                    canceled = true;
                }
            } else if (action.kind == action_kind::put) {
                replacements[i] = action.value;
            }
            codes += (i == 0 ? "" : ", ") + std::string(reason.at("Code").as_string());
            reasons.push_back(std::move(reason));
        }
        if (canceled) {
            throw api_error::transaction_canceled(codes, std::move(reasons));
        }
        for (std::size_t i = 0; i < actions.size(); ++i) {
            const auto& action = actions[i];
            const std::size_t before = currents[i] ? storage::item_size(*currents[i]) : 0;
            const std::size_t after = replacements[i] ? storage::item_size(*replacements[i]) : 0;
            units[action.table->name()] += write_units(std::max(before, after), true);
            if (action.kind == action_kind::condition_check ||
                (action.kind == action_kind::remove && !currents[i])) {
                continue;
            }
            action.table->table->write_in(writer, action.key, currents[i],
                                          replacements[i] ? &*replacements[i] : nullptr);
        }
    });
    boost::json::object response;
    if (detail != capacity_detail::none) {
        boost::json::array capacities;
        for (const auto& [name, total] : units) {
            capacities.push_back(*consumed_capacity(detail, name, 0, total));
        }
        response["ConsumedCapacity"] = std::move(capacities);
    }
    return response;
}

boost::json::object transact_get_items(operation_context& context, const request_view& request) {
    const auto list = request.array("TransactItems");
    if (!list) {
        validation_errors errors;
        errors.add("null", "transactItems", "Member must not be null");
        errors.throw_if_any();
    }
    check_action_count(*list, "TransactGetItem");
    const auto detail = read_capacity_detail(request.string("ReturnConsumedCapacity"));
    struct get_action {
        std::shared_ptr<const table_info> table;
        storage::encoded_key key;
        std::optional<expr::projection> projection;
    };
    std::vector<get_action> actions;
    for (const auto element : *list) {
        const auto get = as_object(element).object("Get");
        if (!get) {
            throw api_error::validation("TransactItems can only contain Get");
        }
        request_expressions expressions(*get);
        get_action action;
        action.projection = expressions.projection();
        expressions.finish();
        action.table = open_request_table(context, *get);
        action.key = encode_request_key(*action.table, require_item(*get, "Key", "key"));
        actions.push_back(std::move(action));
    }
    boost::json::array responses;
    std::map<std::string, double> units;
    const auto read_all = [&](storage::connection& reader) {
        for (const auto& action : actions) {
            const auto found = action.table->table->read_in(reader, action.key);
            units[action.table->name()] +=
                read_units(found ? storage::item_size(*found) : 0, true, true);
            boost::json::object entry;
            if (found) {
                entry["Item"] =
                    item_object(action.projection ? action.projection->apply(*found) : *found);
            }
            responses.push_back(std::move(entry));
        }
    };
    storage::translate_sqlite_errors([&] {
        context.database.pool().read([&](storage::connection& reader) {
            // One read transaction, so every item comes from the same snapshot.
            reader.execute("BEGIN", "begin_read");
            try {
                read_all(reader);
            } catch (...) {
                reader.execute("ROLLBACK", "rollback_read");
                throw;
            }
            reader.execute("COMMIT", "end_read");
        });
    });
    boost::json::object response{{"Responses", std::move(responses)}};
    if (detail != capacity_detail::none) {
        boost::json::array capacities;
        for (const auto& [name, total] : units) {
            capacities.push_back(*consumed_capacity(detail, name, total, 0));
        }
        response["ConsumedCapacity"] = std::move(capacities);
    }
    return response;
}

}  // namespace lambdad::dynamodb
