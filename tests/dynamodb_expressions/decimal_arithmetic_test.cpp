#include "storage/decimal.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace lambdad::storage {
namespace {

std::string sum(std::string_view a, std::string_view b) {
    return to_canonical_text(add(parse_decimal(a), parse_decimal(b)));
}

std::string difference(std::string_view a, std::string_view b) {
    return to_canonical_text(subtract(parse_decimal(a), parse_decimal(b)));
}

TEST(DecimalArithmetic, AddsExactly) {
    EXPECT_EQ(sum("0.1", "0.2"), "0.3");
    EXPECT_EQ(sum("1", "-1"), "0");
    EXPECT_EQ(sum("-5", "3"), "-2");
    EXPECT_EQ(sum("999", "1"), "1000");
    EXPECT_EQ(sum("1E3", "0.001"), "1000.001");
    EXPECT_EQ(sum("0", "-7.5"), "-7.5");
    EXPECT_EQ(sum("-0.5", "-0.25"), "-0.75");
}

TEST(DecimalArithmetic, SubtractsExactly) {
    EXPECT_EQ(difference("10", "0.2"), "9.8");
    EXPECT_EQ(difference("1", "3"), "-2");
    EXPECT_EQ(difference("-1", "-1"), "0");
    EXPECT_EQ(difference("1E-130", "1E-130"), "0");
    EXPECT_EQ(difference("0", "5"), "-5");
}

TEST(DecimalArithmetic, KeepsThirtyEightDigits) {
    EXPECT_EQ(sum("12345678901234567890123456789012345678", "1"),
              "12345678901234567890123456789012345679");
    EXPECT_EQ(sum("1E125", "1E125"),
              "200000000000000000000000000000000000000000000000000000000000"
              "000000000000000000000000000000000000000000000000000000000000"
              "000000");
}

TEST(DecimalArithmetic, RejectsPrecisionAndRangeOverflow) {
    EXPECT_EQ(sum("99999999999999999999999999999999999999", "1"), "1" + std::string(38, '0'));
    EXPECT_THROW(sum("99999999999999999999999999999999999999", "0.1"), std::invalid_argument);
    EXPECT_THROW(sum("1E125", "0.1"), std::invalid_argument);
    EXPECT_THROW(sum("9.9999999999999999999999999999999999999E125", "1E125"),
                 std::invalid_argument);
    try {
        sum("99999999999999999999999999999999999999", "0.5");
        FAIL() << "no exception";
    } catch (const std::invalid_argument& error) {
        EXPECT_STREQ(error.what(),
                     "Attempting to store more than 38 significant digits in a Number");
    }
}

}  // namespace
}  // namespace lambdad::storage
