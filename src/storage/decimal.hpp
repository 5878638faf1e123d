#pragma once

#include <string>
#include <string_view>

namespace lambdad::storage {

/// A DynamoDB number in normalised form: value = (negative ? -1 : 1) * 0.d1d2...dn * 10^exponent.
///
/// `digits` contains the significant digits without leading or trailing zeros, so equal values
/// have equal fields. Zero has no digits, `negative` false and `exponent` 0.
struct decimal {
    bool negative = false;
    /// Significant digits, '1'..'9' first and last, at most 38 of them.
    std::string digits;
    /// Power of ten of the position just before the first digit.
    int exponent = 0;

    /// Whether the value is zero.
    bool is_zero() const { return digits.empty(); }
};

/// The maximum number of significant digits in a DynamoDB number.
inline constexpr std::size_t max_significant_digits = 38;

/// Parses DynamoDB number text: an optional sign, digits with an optional fraction and an
/// optional exponent (`e` or `E`, optional sign). Leading and trailing zeros are allowed.
///
/// Throws std::invalid_argument with DynamoDB's message when the text is not a number, has
/// more than 38 significant digits, or its magnitude lies outside 1E-130 to
/// 9.9999999999999999999999999999999999999E+125.
decimal parse_decimal(std::string_view text);

/// Formats `value` in plain notation: no exponent, no leading zeros, no trailing fractional
/// zeros, and `0` for zero (`1E3` becomes `1000`, `1.50` becomes `1.5`).
std::string to_canonical_text(const decimal& value);

/// Parses `text` and returns its canonical text. Throws as parse_decimal does.
std::string canonical_number_text(std::string_view text);

/// Compares two numbers by value: negative, zero or positive as `a` is less than, equal to or
/// greater than `b`.
int compare(const decimal& a, const decimal& b);

/// Adds two numbers exactly. Throws std::invalid_argument with DynamoDB's message when the sum
/// needs more than 38 significant digits or lies outside the supported range.
decimal add(const decimal& a, const decimal& b);

/// Subtracts `b` from `a` exactly. Throws as add does.
decimal subtract(const decimal& a, const decimal& b);

}  // namespace lambdad::storage
