// The expression calls of sqlite_table: conditional put and erase, update and query, through
// the DynamoDB API's expression engine and the write and read steps it shares with that API.

#include "storage/key_encoding.hpp"
#include "storage/sqlite_table.hpp"
#include "storage/table_expressions.hpp"

#include <limits>

namespace lambdad::storage {
namespace {

namespace expr = dynamodb::expr;

constexpr std::string_view key_mismatch = "The provided key element does not match the schema";

// The ExpressionAttributeNames and Values of one call, with a record of whether any expression
// used them, as request_expressions keeps for a DynamoDB request.
class call_expressions {
public:
    call_expressions(const std::map<std::string, std::string>& names, const item& values)
        : context_(names.empty()
                       ? std::nullopt
                       : std::optional<expr::attribute_context::name_map>(
                             expr::attribute_context::name_map(names.begin(), names.end())),
                   values.empty() ? std::nullopt : std::optional<item>(values)) {}

    std::optional<expr::condition> condition(const std::string& text, expr::expression_kind kind) {
        if (text.empty()) {
            return std::nullopt;
        }
        used_ = true;
        return expr::parse_condition(text, kind, context_);
    }

    expr::update update(const std::string& text) {
        used_ = true;
        return expr::parse_update(text, context_);
    }

    expr::key_condition key_condition(const std::string& text, const key_schema& schema) {
        used_ = true;
        return expr::parse_key_condition(text, to_expression_schema(schema), context_);
    }

    // Rejects unused names and values, and names or values given without any expression, with
    // the messages of the DynamoDB API.
    void finish() const {
        if (used_) {
            context_.check_all_used();
            return;
        }
        if (context_.has_names()) {
            throw expr::validation_error(
                "ExpressionAttributeNames can only be specified when using expressions");
        }
        if (context_.has_values()) {
            throw expr::validation_error(
                "ExpressionAttributeValues can only be specified when using expressions");
        }
    }

private:
    expr::attribute_context context_;
    bool used_ = false;
};

// Runs `work` with the engine's validation errors reported as table_error (ValidationException).
template <typename Work>
auto translate_validation_errors(Work&& work) {
    try {
        return work();
    } catch (const expr::validation_error& error) {
        throw table_error("ValidationException", error.what());
    }
}

// The key condition of a query: its KeyConditionExpression, or else the equality on the hash
// key value, translated as the legacy KeyConditions would be so that it gets the same checks.
expr::key_condition query_key_condition(const query_request& request, const key_schema& schema,
                                        call_expressions& expressions) {
    if (!request.key_condition_expression.empty()) {
        if (request.hash_key) {
            throw table_error(
                "ValidationException",
                "A query takes either hash_key or key_condition_expression, not both");
        }
        return expressions.key_condition(request.key_condition_expression, schema);
    }
    if (!request.hash_key) {
        throw table_error("ValidationException",
                          "Either the KeyConditions or KeyConditionExpression parameter must be "
                          "specified in the request.");
    }
    expr::legacy_condition equality{
        schema.hash_key.name, "EQ", std::vector<attribute_value>{*request.hash_key}, {}, {}};
    return expr::translate_key_conditions({equality}, to_expression_schema(schema));
}

const expr::condition* pointer_to(const std::optional<expr::condition>& condition) {
    return condition ? &*condition : nullptr;
}

}  // namespace

std::optional<index_definition> sqlite_table::find_index(const std::string& name) const {
    std::lock_guard lock(indexes_mutex_);
    for (const auto& index : indexes_) {
        if (index.name == name) {
            return index;
        }
    }
    return std::nullopt;
}

std::optional<item> sqlite_table::put(const item& value, const write_options& options) {
    check_not_deleted();
    const auto condition = translate_validation_errors([&] {
        call_expressions expressions(options.expression_attribute_names,
                                     options.expression_attribute_values);
        auto parsed =
            expressions.condition(options.condition_expression, expr::expression_kind::condition);
        expressions.finish();
        return parsed;
    });
    const encoded_key encoded = encode_item_key(schema_, value);
    check_item_for_write(indexes(), value);
    return translate_sqlite_errors([&] {
        return pool_->transact([&](connection& writer) {
            return put_in(*this, writer, encoded, value, pointer_to(condition));
        });
    });
}

std::optional<item> sqlite_table::erase(const item& key, const write_options& options) {
    check_not_deleted();
    const auto condition = translate_validation_errors([&] {
        call_expressions expressions(options.expression_attribute_names,
                                     options.expression_attribute_values);
        auto parsed =
            expressions.condition(options.condition_expression, expr::expression_kind::condition);
        expressions.finish();
        return parsed;
    });
    const encoded_key encoded = encode_lookup_key(schema_, key, key_mismatch);
    return translate_sqlite_errors([&] {
        return pool_->transact([&](connection& writer) {
            return erase_in(*this, writer, encoded, pointer_to(condition));
        });
    });
}

item sqlite_table::update(const item& key, const std::string& update_expression,
                          const write_options& options) {
    check_not_deleted();
    // UpdateItem parses the UpdateExpression before the ConditionExpression, which decides
    // which error a request with two invalid expressions gets.
    std::optional<expr::update> update;
    std::optional<expr::condition> condition;
    translate_validation_errors([&] {
        call_expressions expressions(options.expression_attribute_names,
                                     options.expression_attribute_values);
        update = expressions.update(update_expression);
        condition =
            expressions.condition(options.condition_expression, expr::expression_kind::condition);
        expressions.finish();
    });
    const encoded_key encoded = encode_lookup_key(schema_, key, key_mismatch);
    reject_key_updates(schema_, *update);
    const auto indexes_now = indexes();
    return translate_sqlite_errors([&] {
        return translate_validation_errors([&] {
            return pool_->transact([&](connection& writer) {
                return update_in(
                           *this, writer, encoded, key, &*update, pointer_to(condition),
                           [&](const item& after) { check_item_for_write(indexes_now, after); })
                    .after;
            });
        });
    });
}

query_page sqlite_table::query(const query_request& request) {
    check_not_deleted();
    std::optional<index_definition> index;
    if (request.index_name) {
        index = find_index(*request.index_name);
        if (!index) {
            throw table_error(
                "ValidationException",
                "The table does not have the specified index: " + *request.index_name);
        }
    }
    if (request.limit && *request.limit == 0) {
        throw table_error("ValidationException",
                          "1 validation error detected: Value '0' at 'limit' failed to satisfy "
                          "constraint: Member must have value greater than or equal to 1");
    }
    std::optional<expr::key_condition> key_condition;
    std::optional<expr::condition> filter;
    translate_validation_errors([&] {
        call_expressions expressions(request.expression_attribute_names,
                                     request.expression_attribute_values);
        key_condition = query_key_condition(request, index ? index->schema : schema_, expressions);
        filter = expressions.condition(request.filter_expression, expr::expression_kind::filter);
        expressions.finish();
    });

    range_request range;
    range.index = index;
    range.hash = encode_key(key_condition->hash_value);
    if (key_condition->range) {
        set_range_bounds(range, *key_condition->range);
    }
    range.forward = request.scan_index_forward;
    range.limit = request.limit.value_or(std::numeric_limits<std::size_t>::max());
    if (request.exclusive_start_key) {
        range.after =
            encode_start_position(schema_, index ? &*index : nullptr, *request.exclusive_start_key);
    }
    return read_query_page(range, filter);
}

query_page sqlite_table::read_query_page(const range_request& range,
                                         const std::optional<dynamodb::expr::condition>& filter) {
    const range_page page = read_range(range);
    query_page result;
    result.scanned_count = page.items.size();
    for (const auto& value : page.items) {
        if (!filter || filter->matches(value)) {
            result.items.push_back(value);
        }
    }
    if (page.stopped_early && !page.items.empty()) {
        result.last_evaluated_key =
            last_evaluated_key(schema_, range.index ? &*range.index : nullptr, page.items.back());
    }
    return result;
}

}  // namespace lambdad::storage
