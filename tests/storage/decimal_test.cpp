#include "storage/decimal.hpp"

#include "lambdad/attribute_value.hpp"
#include "storage/value_printer.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace lambdad::storage {
namespace {

const std::string overflow_message =
    "Number overflow. Attempting to store a number with magnitude larger than supported range";
const std::string underflow_message =
    "Number underflow. Attempting to store a number with magnitude smaller than supported range";
const std::string digits_message =
    "Attempting to store more than 38 significant digits in a Number";

std::string error_of(const std::string& text) {
    try {
        parse_decimal(text);
    } catch (const std::invalid_argument& error) {
        return error.what();
    }
    return "";
}

TEST(Decimal, FormatsCanonicalText) {
    const std::pair<const char*, const char*> cases[] = {
        {"1.0", "1"},
        {"00042", "42"},
        {"1E3", "1000"},
        {"1.50", "1.5"},
        {"-0.0", "0"},
        {"0", "0"},
        {"+7", "7"},
        {"-12.340", "-12.34"},
        {"1e-3", "0.001"},
        {"123.456E2", "12345.6"},
        {"0.000", "0"},
        {".5", "0.5"},
        {"5.", "5"},
        {"-1E+2", "-100"},
        {"12345e-2", "123.45"},
        {"0e999999999999", "0"},
        {"100", "100"},
        {"0.0100", "0.01"},
    };
    for (const auto& [input, expected] : cases) {
        EXPECT_EQ(canonical_number_text(input), expected) << input;
    }
}

TEST(Decimal, RejectsTextThatIsNoNumber) {
    for (const char* input : {"", "-", "+", ".", "abc", "1e", "1e+", "1.2.3", " 1", "1 ", "0x10",
                              "1e1.5", "--1", "Infinity", "NaN"}) {
        EXPECT_THROW(parse_decimal(input), std::invalid_argument) << input;
    }
    EXPECT_EQ(error_of("b"), "The parameter cannot be converted to a numeric value: b");
    EXPECT_EQ(error_of(""), "The parameter cannot be converted to a numeric value");
}

TEST(Decimal, EnforcesMagnitudeLimits) {
    EXPECT_EQ(canonical_number_text("1E-130"), "0." + std::string(129, '0') + "1");
    EXPECT_EQ(canonical_number_text("9.9999999999999999999999999999999999999E+125"),
              std::string(38, '9') + std::string(88, '0'));
    EXPECT_EQ(error_of("1e126"), overflow_message);
    EXPECT_EQ(error_of("-1e126"), overflow_message);
    EXPECT_EQ(error_of("1e-131"), underflow_message);
    EXPECT_EQ(error_of("-1e-131"), underflow_message);
    EXPECT_EQ(error_of("1e99999999999999999999"), overflow_message);
    EXPECT_EQ(error_of("0.1e-130"), underflow_message);
}

TEST(Decimal, EnforcesSignificantDigitLimit) {
    const std::string digits38 = "12345678901234567890123456789012345678";
    EXPECT_EQ(canonical_number_text(digits38), digits38);
    EXPECT_EQ(canonical_number_text("-0." + digits38), "-0." + digits38);
    EXPECT_EQ(error_of(digits38 + "9"), digits_message);
    EXPECT_EQ(error_of("-1.23456789012345678901234567890123456789"), digits_message);
    // Leading and trailing zeros are not significant.
    EXPECT_EQ(canonical_number_text("0000" + digits38 + "0000"), digits38 + "0000");
    EXPECT_EQ(canonical_number_text("1" + std::string(50, '0')), "1" + std::string(50, '0'));
}

TEST(Decimal, ComparesByValue) {
    const char* ascending[] = {"-1e125",  "-100", "-10.5",  "-10",  "-1", "-0.5",
                               "-1e-130", "0",    "1e-130", "0.5",  "1",  "1.05",
                               "1.5",     "10",   "100",    "1e125"};
    for (std::size_t i = 0; i + 1 < std::size(ascending); ++i) {
        EXPECT_LT(compare(parse_decimal(ascending[i]), parse_decimal(ascending[i + 1])), 0)
            << ascending[i] << " < " << ascending[i + 1];
        EXPECT_GT(compare(parse_decimal(ascending[i + 1]), parse_decimal(ascending[i])), 0);
    }
    EXPECT_EQ(compare(parse_decimal("1.0"), parse_decimal("1")), 0);
    EXPECT_EQ(compare(parse_decimal("-0"), parse_decimal("0")), 0);
}

TEST(AttributeValue, NumberSetSortsAndRemovesDuplicates) {
    const auto value = attribute_value::number_set({"10", "2", "2.0", "-1", "1E1"});
    EXPECT_EQ(value.set_members(), (std::vector<std::string>{"-1", "2", "10"}));
    EXPECT_THROW(attribute_value::number_set({}), std::invalid_argument);
    EXPECT_THROW(attribute_value::number_set({"x"}), std::invalid_argument);
}

TEST(AttributeValue, StringAndBinarySetsSortUnsigned) {
    const auto strings = attribute_value::string_set({"b", "a", "b", "\xc3\xa9"});
    EXPECT_EQ(strings.set_members(), (std::vector<std::string>{"a", "b", "\xc3\xa9"}));
    const auto bytes = attribute_value::binary_set({std::string("\xff"), std::string("\x01")});
    EXPECT_EQ(bytes.set_members(), (std::vector<std::string>{"\x01", "\xff"}));
    EXPECT_THROW(attribute_value::string_set({}), std::invalid_argument);
    EXPECT_THROW(attribute_value::binary_set({}), std::invalid_argument);
}

TEST(AttributeValue, ComparesTypeAndValue) {
    EXPECT_EQ(attribute_value::number("1.0"), attribute_value::number("1"));
    EXPECT_NE(attribute_value::number("1"), attribute_value::string("1"));
    EXPECT_EQ(attribute_value(), attribute_value::null());
    EXPECT_EQ(attribute_value::map({{"a", attribute_value::boolean(true)}}),
              attribute_value::map({{"a", attribute_value::boolean(true)}}));
    EXPECT_NE(attribute_value::list({attribute_value::number("1")}),
              attribute_value::list({attribute_value::number("2")}));
    EXPECT_THROW(attribute_value::boolean(true).scalar(), std::logic_error);
    EXPECT_THROW(attribute_value::string("x").members(), std::logic_error);
}

}  // namespace
}  // namespace lambdad::storage
