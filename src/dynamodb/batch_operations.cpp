// BatchGetItem and BatchWriteItem.

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

// DynamoDB API Reference (BatchGetItem, BatchWriteItem): up to 100 keys per BatchGetItem,
// 25 put or delete requests per BatchWriteItem, and 16 MB of returned items per BatchGetItem.
constexpr std::size_t max_batch_get_keys = 100;
constexpr std::size_t max_batch_write_requests = 25;
constexpr std::size_t max_batch_get_bytes = 16 * 1024 * 1024;

std::string key_identity(const std::string& table, const storage::encoded_key& key) {
    return table + '\0' + key.hash + '\0' + key.range;
}

request_view require_request_items(const request_view& request) {
    const auto items = request.object("RequestItems");
    if (!items) {
        throw api_error::validation(
            "1 validation error detected: Value null at 'requestItems' failed to satisfy "
            "constraint: Member must not be null");
    }
    if (items->raw().size() == 0) {
        throw api_error::validation(
            "1 validation error detected: Value '{}' at 'requestItems' failed to satisfy "
            "constraint: Member must have length greater than or equal to 1");
    }
    return *items;
}

// One table of a BatchGetItem with its parsed keys and projection.
struct batch_get_table {
    std::shared_ptr<const table_info> table;
    std::vector<storage::encoded_key> keys;
    std::vector<item> raw_keys;
    std::optional<expr::projection> projection;
    bool consistent = false;
};

batch_get_table read_get_table(operation_context& context, std::string_view name,
                               const request_view& entry, std::set<std::string>& seen,
                               std::size_t& total_keys) {
    batch_get_table result;
    request_expressions expressions(entry);
    result.projection = expressions.projection();
    expressions.finish();
    result.consistent = entry.boolean("ConsistentRead").value_or(false);
    result.table = context.tables.get(std::string(name));
    const auto keys = entry.array("Keys");
    if (!keys) {
        throw api_error::validation(
            "1 validation error detected: Value null at 'requestItems." + std::string(name) +
            ".member.keys' failed to satisfy constraint: Member must not be null");
    }
    for (const auto element : *keys) {
        if (++total_keys > max_batch_get_keys) {
            throw api_error::validation("Too many items requested for the BatchGetItem call");
        }
        as_object(element);
        item key = storage::item_from_json(element);
        auto encoded = encode_request_key(*result.table, key);
        if (!seen.insert(key_identity(std::string(name), encoded)).second) {
            throw api_error::validation("Provided list of item keys contains duplicates");
        }
        result.keys.push_back(std::move(encoded));
        result.raw_keys.push_back(std::move(key));
    }
    return result;
}

}  // namespace

boost::json::object batch_get_item(operation_context& context, const request_view& request) {
    const request_view request_items = require_request_items(request);
    const auto detail = read_capacity_detail(request.string("ReturnConsumedCapacity"));
    std::vector<std::pair<std::string, batch_get_table>> tables;
    std::set<std::string> seen;
    std::size_t total_keys = 0;
    for (const auto [name, element] : request_items.raw()) {
        tables.emplace_back(std::string(name),
                            read_get_table(context, name, as_object(element), seen, total_keys));
    }

    boost::json::object responses;
    boost::json::object unprocessed;
    boost::json::array capacities;
    std::size_t bytes_returned = 0;
    for (auto& [name, entry] : tables) {
        boost::json::array found_items;
        boost::json::array unprocessed_keys;
        std::size_t bytes_read = 0;
        storage::translate_sqlite_errors([&] {
            context.database.pool().read([&](storage::connection& reader) {
                for (std::size_t i = 0; i < entry.keys.size(); ++i) {
                    if (bytes_returned >= max_batch_get_bytes) {
                        unprocessed_keys.push_back(item_object(entry.raw_keys[i]));
                        continue;
                    }
                    const auto found = entry.table->table->read_in(reader, entry.keys[i]);
                    if (found) {
                        const std::size_t size = storage::item_size(*found);
                        bytes_read += size;
                        bytes_returned += size;
                        found_items.push_back(item_object(
                            entry.projection ? entry.projection->apply(*found) : *found));
                    }
                }
            });
        });
        responses[name] = std::move(found_items);
        if (!unprocessed_keys.empty()) {
            unprocessed[name] = boost::json::object{{"Keys", std::move(unprocessed_keys)}};
        }
        if (auto capacity =
                consumed_capacity(detail, name, read_units(bytes_read, entry.consistent), 0)) {
            capacities.push_back(std::move(*capacity));
        }
    }
    boost::json::object response{{"Responses", std::move(responses)},
                                 {"UnprocessedKeys", std::move(unprocessed)}};
    if (detail != capacity_detail::none) {
        response["ConsumedCapacity"] = std::move(capacities);
    }
    return response;
}

namespace {

// One put or delete of a BatchWriteItem, checked before anything is written.
struct batch_write {
    std::shared_ptr<const table_info> table;
    storage::encoded_key key;
    std::optional<item> value;  // absent for a delete
};

batch_write read_write_request(operation_context& context, const std::string& name,
                               const request_view& entry) {
    const auto put = entry.object("PutRequest");
    const auto remove = entry.object("DeleteRequest");
    if (put.has_value() == remove.has_value()) {
        // NOTE: this wording is lambdad's own; DynamoDB's message for this case is unconfirmed.
        throw api_error::validation(
            "A WriteRequest must contain exactly one of PutRequest and DeleteRequest");
    }
    batch_write write;
    write.table = context.tables.get(name);
    if (put) {
        write.value = require_item(*put, "Item", "item");
        write.key = storage::encode_item_key(write.table->schema(), *write.value);
        check_item_for_write(*write.table, *write.value);
    } else {
        write.key = encode_request_key(*write.table, require_item(*remove, "Key", "key"));
    }
    return write;
}

// Renders RequestItems as DynamoDB's Java service prints it in constraint messages:
// `{Table=[com.amazonaws.dynamodb.v20120810.WriteRequest@1a2b3c4d, ...]}`.
std::string render_request_items(const request_view& request_items) {
    std::string text = "{";
    for (const auto [name, element] : request_items.raw()) {
        simdjson::dom::array list;
        const std::string entries = element.get_array().get(list) == simdjson::SUCCESS
                                        ? java_object_names(list, "WriteRequest")
                                        : "";
        text += (text.size() == 1 ? "" : ", ") + std::string(name) + "=[" + entries + "]";
    }
    return text + "}";
}

// DynamoDB checks the number of requests before anything else in the batch.
void check_write_request_count(const request_view& request_items) {
    std::size_t count = 0;
    for (const auto [name, element] : request_items.raw()) {
        simdjson::dom::array list;
        if (element.get_array().get(list) == simdjson::SUCCESS) {
            count += list.size();
        }
    }
    if (count > max_batch_write_requests) {
        validation_errors errors;
        errors.add("'" + render_request_items(request_items) + "'", "requestItems",
                   "Map value must satisfy constraint: [Member must have length less than or "
                   "equal to 25, Member must have length greater than or equal to 1]");
        errors.throw_if_any();
    }
}

}  // namespace

boost::json::object batch_write_item(operation_context& context, const request_view& request) {
    const request_view request_items = require_request_items(request);
    check_write_request_count(request_items);
    const auto detail = read_capacity_detail(request.string("ReturnConsumedCapacity"));
    std::vector<batch_write> writes;
    std::set<std::string> seen;
    for (const auto [name, element] : request_items.raw()) {
        simdjson::dom::array list;
        if (element.get_array().get(list) != simdjson::SUCCESS) {
            throw api_error::serialization("Start of structure or map found where not expected");
        }
        for (const auto entry : list) {
            writes.push_back(read_write_request(context, std::string(name), as_object(entry)));
            if (!seen.insert(key_identity(std::string(name), writes.back().key)).second) {
                throw api_error::validation("Provided list of item keys contains duplicates");
            }
        }
    }

    std::map<std::string, double> units;
    // One transaction for the whole batch: one commit, and every acknowledged write durable.
    context.database.pool().transact([&](storage::connection& writer) {
        for (const auto& write : writes) {
            const auto current = write.table->table->read_in(writer, write.key);
            if (write.value || current) {
                write.table->table->write_in(writer, write.key, current,
                                             write.value ? &*write.value : nullptr);
            }
            const std::size_t before = current ? storage::item_size(*current) : 0;
            const std::size_t after = write.value ? storage::item_size(*write.value) : 0;
            units[write.table->name()] += write_units(std::max(before, after));
        }
    });
    boost::json::object response{{"UnprocessedItems", boost::json::object{}}};
    if (detail != capacity_detail::none) {
        boost::json::array capacities;
        for (const auto& [name, total] : units) {
            capacities.push_back(*consumed_capacity(detail, name, 0, total));
        }
        response["ConsumedCapacity"] = std::move(capacities);
    }
    return response;
}

}  // namespace lambdad::dynamodb
