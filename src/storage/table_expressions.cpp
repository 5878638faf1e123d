#include "storage/table_expressions.hpp"

#include "storage/item_size.hpp"
#include "storage/key_encoding.hpp"

namespace lambdad::storage {
namespace {

namespace expr = dynamodb::expr;

constexpr std::string_view invalid_start_key =
    "The provided starting key is invalid: The provided key element does not match the schema";

table_error validation(const std::string& message) {
    return table_error("ValidationException", message);
}

void check_index_key(const index_definition& index, const key_attribute& attribute,
                     const item& value) {
    const auto found = value.find(attribute.name);
    if (found == value.end()) {
        return;
    }
    if (found->second.type() != attribute.type) {
        throw validation("One or more parameter values were invalid: Type mismatch for Index Key " +
                         attribute.name + " Expected: " + std::string(to_string(attribute.type)) +
                         " Actual: " + std::string(to_string(found->second.type())) +
                         " IndexName: " + index.name);
    }
    if (attribute.type != attribute_value::kind::N && found->second.scalar().empty()) {
        throw validation(
            "One or more parameter values are not valid. A value specified for a secondary "
            "index key is not supported. The AttributeValue for a key attribute cannot contain "
            "an empty " +
            std::string(attribute.type == attribute_value::kind::S ? "string" : "binary") +
            " value. IndexName: " + index.name + ", IndexKey: " + attribute.name);
    }
}

/// DynamoDB's naming rules (Developer Guide, "Supported data types and naming rules in Amazon
/// DynamoDB") cap an attribute name at 64 KB, which the service applies as 65,535 bytes.
constexpr std::size_t max_attribute_name_bytes = 65'535;

bool has_oversized_name(const attribute_value& value);

bool has_oversized_name(const item& members) {
    for (const auto& [name, member] : members) {
        if (name.size() > max_attribute_name_bytes || has_oversized_name(member)) {
            return true;
        }
    }
    return false;
}

// Looks through map keys at every depth, lists included.
bool has_oversized_name(const attribute_value& value) {
    if (value.type() == attribute_value::kind::M) {
        return has_oversized_name(value.members());
    }
    if (value.type() == attribute_value::kind::L) {
        for (const auto& element : value.elements()) {
            if (has_oversized_name(element)) {
                return true;
            }
        }
    }
    return false;
}

bool nests_too_deep(const attribute_value& value, int depth) {
    if (depth > max_nesting_depth) {
        return true;
    }
    if (value.type() == attribute_value::kind::M) {
        for (const auto& [name, member] : value.members()) {
            if (nests_too_deep(member, depth + 1)) {
                return true;
            }
        }
    }
    if (value.type() == attribute_value::kind::L) {
        for (const auto& element : value.elements()) {
            if (nests_too_deep(element, depth + 1)) {
                return true;
            }
        }
    }
    return false;
}

bool nests_too_deep(const item& value) {
    for (const auto& [name, member] : value) {
        if (nests_too_deep(member, 0)) {
            return true;
        }
    }
    return false;
}

void check_condition(const expr::condition* condition, const std::optional<item>& current) {
    if (condition && !condition->matches(current.value_or(item{}))) {
        throw condition_check_failed(current);
    }
}

// The smallest byte string greater than every string that starts with `prefix`, or nothing
// when there is none (a prefix of 0xFF bytes only). S and B keys encode as their raw bytes.
std::optional<std::string> prefix_successor(std::string prefix) {
    while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) {
        prefix.pop_back();
    }
    if (prefix.empty()) {
        return std::nullopt;
    }
    prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
    return prefix;
}

}  // namespace

condition_check_failed::condition_check_failed(std::optional<item> current)
    : table_error("ConditionalCheckFailedException", "The conditional request failed"),
      current_(std::move(current)) {}

void check_item_for_write(const std::vector<index_definition>& indexes, const item& value) {
    // The same message as for a request item that nests too deeply (item_json_parse.cpp), so
    // an update cannot store an item that no read could return.
    if (nests_too_deep(value)) {
        throw validation(
            "Nesting Levels have exceeded supported limits: Attributes in the item have nested "
            "levels beyond supported limit");
    }
    if (has_oversized_name(value)) {
        throw validation(
            "1 validation error detected: Attribute name is too large, must be less than 65536 "
            "bytes");
    }
    if (item_size(value) > max_item_size_bytes) {
        throw validation("Item size has exceeded the maximum allowed size");
    }
    for (const auto& index : indexes) {
        check_index_key(index, index.schema.hash_key, value);
        if (index.schema.range_key) {
            check_index_key(index, *index.schema.range_key, value);
        }
    }
}

void reject_key_updates(const key_schema& schema, const expr::update& update) {
    for (const auto& path : update.updated_paths()) {
        const auto* name = std::get_if<std::string>(&path.front());
        if (name == nullptr) {
            continue;
        }
        if (*name == schema.hash_key.name ||
            (schema.range_key && *name == schema.range_key->name)) {
            throw validation("One or more parameter values were invalid: Cannot update attribute " +
                             *name + ". This attribute is part of the key");
        }
    }
}

std::optional<item> put_in(sqlite_table& table, connection& writer, const encoded_key& key,
                           const item& value, const expr::condition* condition) {
    auto current = table.read_in(writer, key);
    check_condition(condition, current);
    table.write_in(writer, key, current, &value);
    return current;
}

std::optional<item> erase_in(sqlite_table& table, connection& writer, const encoded_key& key,
                             const expr::condition* condition) {
    auto current = table.read_in(writer, key);
    check_condition(condition, current);
    if (current) {
        table.write_in(writer, key, current, nullptr);
    }
    return current;
}

// The new item is the update applied to the current item, or to an empty one when there is
// none, with the key attributes of the request.
update_result update_in(sqlite_table& table, connection& writer, const encoded_key& encoded,
                        const item& key, const expr::update* update,
                        const expr::condition* condition,
                        const std::function<void(const item&)>& check) {
    update_result result{table.read_in(writer, encoded), {}};
    check_condition(condition, result.before);
    result.after = result.before.value_or(item{});
    if (update) {
        result.after = update->apply(result.after);
    }
    for (const auto& [name, value] : key) {
        result.after.insert_or_assign(name, value);
    }
    check(result.after);
    table.write_in(writer, encoded, result.before, &result.after);
    return result;
}

expr::key_schema to_expression_schema(const key_schema& schema) {
    expr::key_schema result{{schema.hash_key.name, schema.hash_key.type}, std::nullopt};
    if (schema.range_key) {
        result.range = expr::key_attribute{schema.range_key->name, schema.range_key->type};
    }
    return result;
}

void set_range_bounds(range_request& request, const expr::range_condition& range) {
    const std::string value = encode_key(range.value);
    using op = expr::range_operator;
    switch (range.op) {
        case op::equal:
            request.lower = key_bound{value, true};
            request.upper = key_bound{value, true};
            break;
        case op::less:
        case op::less_or_equal:
            request.upper = key_bound{value, range.op == op::less_or_equal};
            break;
        case op::greater:
        case op::greater_or_equal:
            request.lower = key_bound{value, range.op == op::greater_or_equal};
            break;
        case op::between:
            request.lower = key_bound{value, true};
            request.upper = key_bound{encode_key(*range.upper), true};
            break;
        case op::begins_with:
            request.lower = key_bound{value, true};
            if (auto successor = prefix_successor(value)) {
                request.upper = key_bound{std::move(*successor), false};
            }
            break;
    }
}

std::vector<std::string> encode_start_position(const key_schema& table_schema,
                                               const index_definition* index, const item& start) {
    const item table_key = extract_key(table_schema, start);
    const auto table_encoded = encode_lookup_key(table_schema, table_key, invalid_start_key);
    if (!index) {
        if (start.size() != table_key.size()) {
            throw validation(std::string(invalid_start_key));
        }
        return {table_encoded.hash, table_encoded.range};
    }
    const item index_key = extract_key(index->schema, start);
    const auto index_encoded = encode_lookup_key(index->schema, index_key, invalid_start_key);
    item combined = table_key;
    combined.insert(index_key.begin(), index_key.end());
    if (start.size() != combined.size()) {
        throw validation(std::string(invalid_start_key));
    }
    return {index_encoded.hash, index_encoded.range, table_encoded.hash, table_encoded.range};
}

item last_evaluated_key(const key_schema& table_schema, const index_definition* index,
                        const item& value) {
    item key = extract_key(table_schema, value);
    if (index) {
        for (auto& [name, attribute] : extract_key(index->schema, value)) {
            key.insert_or_assign(name, attribute);
        }
    }
    return key;
}

}  // namespace lambdad::storage
