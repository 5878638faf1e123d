#include "storage/key_encoding.hpp"

#include "storage/decimal.hpp"

#include <stdexcept>

namespace lambdad::storage {
namespace {

constexpr unsigned char negative_sign = 1;
constexpr unsigned char zero_sign = 2;
constexpr unsigned char positive_sign = 3;
// The power of ten of a leading digit lies in [-130, 125], so adding 130 fits one byte.
constexpr int exponent_bias = 130;

std::string encode_number(std::string_view canonical_text) {
    const decimal value = parse_decimal(canonical_text);
    if (value.is_zero()) {
        return std::string(1, static_cast<char>(zero_sign));
    }
    std::string body;
    body.reserve(value.digits.size() + 2);
    body.push_back(static_cast<char>(value.exponent - 1 + exponent_bias));
    for (const char digit : value.digits) {
        body.push_back(static_cast<char>(digit - '0' + 1));
    }
    // The terminator sorts a shorter digit string (a smaller magnitude) first; complemented for
    // negatives it sorts it last, as a smaller magnitude is then a larger value.
    body.push_back('\0');
    if (value.negative) {
        for (char& byte : body) {
            byte = static_cast<char>(~static_cast<unsigned char>(byte));
        }
    }
    const unsigned char sign = value.negative ? negative_sign : positive_sign;
    return static_cast<char>(sign) + body;
}

[[noreturn]] void throw_invalid_encoding() {
    throw std::invalid_argument("Stored key bytes are not a valid number encoding");
}

attribute_value decode_number(std::string_view bytes) {
    if (bytes.empty()) {
        throw_invalid_encoding();
    }
    const auto sign = static_cast<unsigned char>(bytes[0]);
    if (sign == zero_sign && bytes.size() == 1) {
        return attribute_value::number("0");
    }
    if ((sign != negative_sign && sign != positive_sign) || bytes.size() < 4) {
        throw_invalid_encoding();
    }
    std::string body(bytes.substr(1));
    if (sign == negative_sign) {
        for (char& byte : body) {
            byte = static_cast<char>(~static_cast<unsigned char>(byte));
        }
    }
    if (body.back() != '\0') {
        throw_invalid_encoding();
    }
    decimal value;
    value.negative = sign == negative_sign;
    value.exponent = static_cast<unsigned char>(body[0]) - exponent_bias + 1;
    for (std::size_t i = 1; i + 1 < body.size(); ++i) {
        const auto digit = static_cast<unsigned char>(body[i]);
        if (digit < 1 || digit > 10) {
            throw_invalid_encoding();
        }
        value.digits.push_back(static_cast<char>('0' + digit - 1));
    }
    return attribute_value::number(to_canonical_text(value));
}

}  // namespace

std::string encode_key(const attribute_value& value) {
    switch (value.type()) {
        case attribute_value::kind::S:
        case attribute_value::kind::B:
            return value.scalar();
        case attribute_value::kind::N:
            return encode_number(value.scalar());
        default:
            throw std::logic_error("encode_key called on a value of type " +
                                   std::string(to_string(value.type())));
    }
}

attribute_value decode_key(std::string_view bytes, attribute_value::kind type) {
    switch (type) {
        case attribute_value::kind::S:
            return attribute_value::string(std::string(bytes));
        case attribute_value::kind::B:
            return attribute_value::binary(std::string(bytes));
        case attribute_value::kind::N:
            return decode_number(bytes);
        default:
            throw std::logic_error("decode_key called for type " + std::string(to_string(type)));
    }
}

}  // namespace lambdad::storage
