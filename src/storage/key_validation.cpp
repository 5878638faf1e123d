#include "storage/key_validation.hpp"

#include "storage/key_encoding.hpp"

namespace lambdad::storage {
namespace {

// Key length limits from the DynamoDB Developer Guide ("Service, account, and table quotas"):
// 2048 bytes for a partition key value and 1024 bytes for a sort key value.
constexpr std::size_t max_hash_key_bytes = 2048;
constexpr std::size_t max_range_key_bytes = 1024;

[[noreturn]] void throw_validation(const std::string& message) {
    throw table_error("ValidationException", message);
}

// DynamoDB words the empty-key message differently for PutItem and for key lookups.
void check_not_empty(const key_attribute& attribute, const attribute_value& value,
                     std::string_view prefix) {
    if (value.type() == attribute_value::kind::N || !value.scalar().empty()) {
        return;
    }
    const char* value_kind = value.type() == attribute_value::kind::S ? "string" : "binary";
    throw_validation(std::string(prefix) +
                     " The AttributeValue for a key attribute cannot contain an empty " +
                     value_kind + " value. Key: " + attribute.name);
}

void check_length(const attribute_value& value, bool is_hash) {
    if (value.type() == attribute_value::kind::N) {
        return;
    }
    if (is_hash && value.scalar().size() > max_hash_key_bytes) {
        throw_validation(
            "One or more parameter values were invalid: Size of hashkey has exceeded the "
            "maximum size limit of2048 bytes");
    }
    if (!is_hash && value.scalar().size() > max_range_key_bytes) {
        throw_validation(
            "One or more parameter values were invalid: Aggregated size of all range keys has "
            "exceeded the size limit of 1024 bytes");
    }
}

std::string encode_item_attribute(const key_attribute& attribute, const item& value, bool is_hash) {
    const auto found = value.find(attribute.name);
    if (found == value.end()) {
        throw_validation("One or more parameter values were invalid: Missing the key " +
                         attribute.name + " in the item");
    }
    const attribute_value& key_value = found->second;
    if (key_value.type() != attribute.type) {
        throw_validation("One or more parameter values were invalid: Type mismatch for key " +
                         attribute.name + " expected: " + std::string(to_string(attribute.type)) +
                         " actual: " + std::string(to_string(key_value.type())));
    }
    check_not_empty(attribute, key_value, "One or more parameter values are not valid.");
    check_length(key_value, is_hash);
    return encode_key(key_value);
}

std::string encode_lookup_attribute(const key_attribute& attribute, const item& key, bool is_hash,
                                    std::string_view mismatch_message) {
    const auto found = key.find(attribute.name);
    if (found == key.end() || found->second.type() != attribute.type) {
        throw_validation(std::string(mismatch_message));
    }
    check_not_empty(attribute, found->second, "One or more parameter values were invalid:");
    check_length(found->second, is_hash);
    return encode_key(found->second);
}

}  // namespace

encoded_key encode_item_key(const key_schema& schema, const item& value) {
    encoded_key key;
    key.hash = encode_item_attribute(schema.hash_key, value, true);
    if (schema.range_key) {
        key.range = encode_item_attribute(*schema.range_key, value, false);
    }
    return key;
}

encoded_key encode_lookup_key(const key_schema& schema, const item& key,
                              std::string_view mismatch_message) {
    const std::size_t expected_size = schema.range_key ? 2 : 1;
    if (key.size() != expected_size) {
        throw_validation(std::string(mismatch_message));
    }
    encoded_key encoded;
    encoded.hash = encode_lookup_attribute(schema.hash_key, key, true, mismatch_message);
    if (schema.range_key) {
        encoded.range = encode_lookup_attribute(*schema.range_key, key, false, mismatch_message);
    }
    return encoded;
}

item extract_key(const key_schema& schema, const item& value) {
    item key;
    const auto copy = [&](const key_attribute& attribute) {
        const auto found = value.find(attribute.name);
        if (found != value.end()) {
            key.emplace(found->first, found->second);
        }
    };
    copy(schema.hash_key);
    if (schema.range_key) {
        copy(*schema.range_key);
    }
    return key;
}

}  // namespace lambdad::storage
