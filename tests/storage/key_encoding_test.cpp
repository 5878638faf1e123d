#include "storage/key_encoding.hpp"

#include "storage/decimal.hpp"
#include "storage/value_printer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace lambdad::storage {
namespace {

std::vector<std::string> sample_numbers() {
    std::vector<std::string> numbers = {"0",
                                        "1",
                                        "-1",
                                        "10",
                                        "-10",
                                        "9",
                                        "11",
                                        "0.1",
                                        "-0.1",
                                        "0.01",
                                        "0.11",
                                        "0.019",
                                        "1e125",
                                        "-1e125",
                                        "1e-130",
                                        "-1e-130",
                                        "9.9999999999999999999999999999999999999E+125",
                                        "-9.9999999999999999999999999999999999999E+125",
                                        "12345678901234567890123456789012345678",
                                        "12345678901234567890123456789012345679",
                                        "-12345678901234567890123456789012345678",
                                        "-12345678901234567890123456789012345679",
                                        "1.2345678901234567890123456789012345678",
                                        "123",
                                        "1230",
                                        "12.3",
                                        "-123",
                                        "-1230",
                                        "-12.3",
                                        "99",
                                        "100",
                                        "-99",
                                        "-100",
                                        "0.5",
                                        "-0.5",
                                        "5",
                                        "50",
                                        "500.001",
                                        "-500.001",
                                        "3.14159",
                                        "-3.14159",
                                        "2",
                                        "-2",
                                        "1.5",
                                        "-1.5",
                                        "1.05",
                                        "-1.05"};
    std::mt19937 random(42);
    std::uniform_int_distribution<int> digit(0, 9);
    std::uniform_int_distribution<int> length(1, 38);
    std::uniform_int_distribution<int> exponent(-130, 80);
    for (int i = 0; i < 500; ++i) {
        std::string text = random() % 2 ? "-" : "";
        text += std::to_string(1 + digit(random) % 9) + ".";
        const int n = length(random);
        for (int j = 1; j < n; ++j) {
            text += std::to_string(digit(random));
        }
        text += 'e';
        text += std::to_string(exponent(random));
        numbers.push_back(text);
    }
    return numbers;
}

TEST(KeyEncoding, NumberBytesOrderLikeValues) {
    const auto numbers = sample_numbers();
    for (const auto& a : numbers) {
        const std::string encoded_a = encode_key(attribute_value::number(a));
        const decimal value_a = parse_decimal(a);
        for (const auto& b : numbers) {
            const std::string encoded_b = encode_key(attribute_value::number(b));
            const int by_value = compare(value_a, parse_decimal(b));
            const int by_bytes = encoded_a.compare(encoded_b);
            ASSERT_EQ(by_value < 0, by_bytes < 0) << a << " vs " << b;
            ASSERT_EQ(by_value == 0, by_bytes == 0) << a << " vs " << b;
        }
    }
}

TEST(KeyEncoding, NumberRoundTrips) {
    for (const auto& text : sample_numbers()) {
        const auto value = attribute_value::number(text);
        EXPECT_EQ(decode_key(encode_key(value), attribute_value::kind::N), value) << text;
    }
}

TEST(KeyEncoding, StringsAndBinaryKeepBytes) {
    const std::vector<std::string> ascending = {"",
                                                std::string("\x00", 1),
                                                "A",
                                                "Z",
                                                "a",
                                                "ab",
                                                "b",
                                                "\x7f",
                                                "\xc3\xa9",
                                                "\xe2\x82\xac",
                                                "\xf0\x9f\x98\x80",
                                                "\xff"};
    for (std::size_t i = 0; i + 1 < ascending.size(); ++i) {
        const auto a = encode_key(attribute_value::binary(ascending[i]));
        const auto b = encode_key(attribute_value::binary(ascending[i + 1]));
        EXPECT_LT(a.compare(b), 0) << i;
    }
    const auto text = attribute_value::string("caf\xc3\xa9");
    EXPECT_EQ(encode_key(text), "caf\xc3\xa9");
    EXPECT_EQ(decode_key(encode_key(text), attribute_value::kind::S), text);
    const auto bytes = attribute_value::binary(std::string("\x00\xff\x10", 3));
    EXPECT_EQ(decode_key(encode_key(bytes), attribute_value::kind::B), bytes);
}

TEST(KeyEncoding, RejectsInvalidInput) {
    EXPECT_THROW(encode_key(attribute_value::boolean(true)), std::logic_error);
    EXPECT_THROW(decode_key("", attribute_value::kind::N), std::invalid_argument);
    EXPECT_THROW(decode_key("\x03\x80\x50", attribute_value::kind::N), std::invalid_argument);
}

}  // namespace
}  // namespace lambdad::storage
