#include "storage/item_json.hpp"

#include "lambdad/table.hpp"

#include <boost/json.hpp>
#include <openssl/evp.h>

namespace lambdad::storage {
namespace {

boost::json::array to_json_array(const std::vector<std::string>& members, bool base64) {
    boost::json::array array;
    array.reserve(members.size());
    for (const auto& member : members) {
        array.emplace_back(base64 ? encode_base64(member) : member);
    }
    return array;
}

bool is_base64_char(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' ||
           c == '/';
}

// EVP_DecodeBlock skips whitespace and accepts padding anywhere, so the shape is checked first.
bool is_padded_base64(std::string_view text) {
    if (text.size() % 4 != 0) {
        return false;
    }
    std::size_t end = text.size();
    for (int padding = 0; padding < 2 && end > 0 && text[end - 1] == '='; ++padding) {
        --end;
    }
    for (std::size_t i = 0; i < end; ++i) {
        if (!is_base64_char(text[i])) {
            return false;
        }
    }
    return true;
}

}  // namespace

boost::json::object to_json_object(const attribute_value& value) {
    using kind = attribute_value::kind;
    boost::json::object object;
    const auto descriptor = to_string(value.type());
    switch (value.type()) {
        case kind::S:
        case kind::N:
            object[descriptor] = value.scalar();
            break;
        case kind::B:
            object[descriptor] = encode_base64(value.scalar());
            break;
        case kind::BOOL:
            object[descriptor] = value.boolean_value();
            break;
        case kind::NULL_:
            object[descriptor] = true;
            break;
        case kind::M:
            object[descriptor] = to_json_object(value.members());
            break;
        case kind::L: {
            boost::json::array elements;
            elements.reserve(value.elements().size());
            for (const auto& element : value.elements()) {
                elements.emplace_back(to_json_object(element));
            }
            object[descriptor] = std::move(elements);
            break;
        }
        case kind::SS:
        case kind::NS:
        case kind::BS:
            object[descriptor] = to_json_array(value.set_members(), value.type() == kind::BS);
            break;
    }
    return object;
}

boost::json::object to_json_object(const item& value) {
    boost::json::object object;
    object.reserve(value.size());
    for (const auto& [name, attribute] : value) {
        object[name] = to_json_object(attribute);
    }
    return object;
}

std::string to_dynamodb_json(const item& value) {
    return boost::json::serialize(to_json_object(value));
}

std::string to_dynamodb_json(const attribute_value& value) {
    return boost::json::serialize(to_json_object(value));
}

std::string encode_base64(std::string_view bytes) {
    std::string text(4 * ((bytes.size() + 2) / 3), '\0');
    if (bytes.empty()) {
        return text;
    }
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.data()),
                                        reinterpret_cast<const unsigned char*>(bytes.data()),
                                        static_cast<int>(bytes.size()));
    text.resize(static_cast<std::size_t>(written));
    return text;
}

std::string decode_base64(std::string_view text) {
    if (!is_padded_base64(text)) {
        throw table_error("SerializationException", "Binary value is not valid base64");
    }
    if (text.empty()) {
        return {};
    }
    std::string bytes(3 * (text.size() / 4), '\0');
    const int written = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(bytes.data()),
                                        reinterpret_cast<const unsigned char*>(text.data()),
                                        static_cast<int>(text.size()));
    if (written < 0) {
        throw table_error("SerializationException", "Binary value is not valid base64");
    }
    // EVP_DecodeBlock counts the zero bytes that padding stands for; drop them.
    std::size_t padding = 0;
    for (std::size_t i = text.size(); i > 0 && text[i - 1] == '='; --i) {
        ++padding;
    }
    bytes.resize(static_cast<std::size_t>(written) - padding);
    return bytes;
}

}  // namespace lambdad::storage
