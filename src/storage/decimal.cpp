#include "storage/decimal.hpp"

#include <algorithm>
#include <stdexcept>

namespace lambdad::storage {
namespace {

// Magnitude limits from the DynamoDB Developer Guide ("Supported data types and naming rules"):
// positive numbers from 1E-130 to 9.9999999999999999999999999999999999999E+125, so the power of
// ten of the leading digit lies in [-130, 125].
constexpr long long max_leading_power = 125;
constexpr long long min_leading_power = -130;

// Exponents beyond this are out of range for any non-zero value, so parsing may saturate there
// instead of overflowing.
constexpr long long exponent_saturation = 1'000'000;

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

[[noreturn]] void throw_not_a_number(std::string_view text) {
    std::string message = "The parameter cannot be converted to a numeric value";
    if (!text.empty()) {
        message += ": ";
        message += text;
    }
    throw std::invalid_argument(message);
}

// Reads the exponent after `e`/`E` starting at `pos`; the whole rest of `text` must be used.
long long parse_exponent(std::string_view text, std::size_t pos) {
    bool negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        negative = text[pos] == '-';
        ++pos;
    }
    if (pos == text.size()) {
        throw_not_a_number(text);
    }
    long long value = 0;
    for (; pos < text.size(); ++pos) {
        if (!is_digit(text[pos])) {
            throw_not_a_number(text);
        }
        value = std::min(value * 10 + (text[pos] - '0'), exponent_saturation);
    }
    return negative ? -value : value;
}

}  // namespace

decimal parse_decimal(std::string_view text) {
    std::size_t pos = 0;
    bool negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        negative = text[pos] == '-';
        ++pos;
    }

    // All mantissa digits without the point; `point` counts the digits before it.
    std::string all_digits;
    std::size_t point = 0;
    bool seen_point = false;
    for (; pos < text.size(); ++pos) {
        const char c = text[pos];
        if (is_digit(c)) {
            all_digits.push_back(c);
        } else if (c == '.' && !seen_point) {
            seen_point = true;
            point = all_digits.size();
        } else {
            break;
        }
    }
    if (!seen_point) {
        point = all_digits.size();
    }
    if (all_digits.empty()) {
        throw_not_a_number(text);
    }

    long long exponent = 0;
    if (pos < text.size()) {
        if (text[pos] != 'e' && text[pos] != 'E') {
            throw_not_a_number(text);
        }
        exponent = parse_exponent(text, pos + 1);
    }

    const std::size_t first = all_digits.find_first_not_of('0');
    if (first == std::string::npos) {
        return decimal{};
    }
    const std::size_t last = all_digits.find_last_not_of('0');

    // The value is 0.D * 10^power, where D starts at the first non-zero digit.
    const long long power =
        static_cast<long long>(point) - static_cast<long long>(first) + exponent;
    if (power - 1 > max_leading_power) {
        throw std::invalid_argument(
            "Number overflow. Attempting to store a number with magnitude larger than supported "
            "range");
    }
    if (power - 1 < min_leading_power) {
        throw std::invalid_argument(
            "Number underflow. Attempting to store a number with magnitude smaller than "
            "supported range");
    }
    if (last - first + 1 > max_significant_digits) {
        throw std::invalid_argument(
            "Attempting to store more than 38 significant digits in a Number");
    }

    decimal result;
    result.negative = negative;
    result.digits = all_digits.substr(first, last - first + 1);
    result.exponent = static_cast<int>(power);
    return result;
}

std::string to_canonical_text(const decimal& value) {
    if (value.is_zero()) {
        return "0";
    }
    std::string text = value.negative ? "-" : "";
    const auto digit_count = static_cast<int>(value.digits.size());
    if (value.exponent <= 0) {
        text += "0.";
        text.append(static_cast<std::size_t>(-value.exponent), '0');
        text += value.digits;
    } else if (value.exponent >= digit_count) {
        text += value.digits;
        text.append(static_cast<std::size_t>(value.exponent - digit_count), '0');
    } else {
        const auto split = static_cast<std::size_t>(value.exponent);
        text.append(value.digits, 0, split);
        text += '.';
        text.append(value.digits, split);
    }
    return text;
}

std::string canonical_number_text(std::string_view text) {
    return to_canonical_text(parse_decimal(text));
}

int compare(const decimal& a, const decimal& b) {
    const int sign_a = a.is_zero() ? 0 : (a.negative ? -1 : 1);
    const int sign_b = b.is_zero() ? 0 : (b.negative ? -1 : 1);
    if (sign_a != sign_b) {
        return sign_a < sign_b ? -1 : 1;
    }
    if (sign_a == 0) {
        return 0;
    }
    // Same sign: compare magnitudes, then flip for negatives.
    int magnitude = 0;
    if (a.exponent != b.exponent) {
        magnitude = a.exponent < b.exponent ? -1 : 1;
    } else {
        // Without trailing zeros, digit strings order like the fractions 0.D they stand for.
        const int c = a.digits.compare(b.digits);
        magnitude = c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    return sign_a < 0 ? -magnitude : magnitude;
}

namespace {

// A number as an integer magnitude (decimal digits, most significant first) times 10^scale.
struct scaled_integer {
    std::string digits;
    long long scale = 0;
};

scaled_integer to_scaled_integer(const decimal& value, long long scale) {
    // value = 0.D * 10^exponent = D * 10^(exponent - |D|); pad D with zeros down to `scale`.
    const long long own_scale = value.exponent - static_cast<long long>(value.digits.size());
    scaled_integer result{value.digits, scale};
    result.digits.append(static_cast<std::size_t>(own_scale - scale), '0');
    return result;
}

int compare_magnitudes(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) {
        return a.size() < b.size() ? -1 : 1;
    }
    const int c = a.compare(b);
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

// Adds two digit strings of equal length; the result may be one digit longer.
std::string add_magnitudes(const std::string& a, const std::string& b) {
    std::string sum(a.size() + 1, '0');
    int carry = 0;
    for (std::size_t i = a.size(); i-- > 0;) {
        const int digit = (a[i] - '0') + (b[i] - '0') + carry;
        sum[i + 1] = static_cast<char>('0' + digit % 10);
        carry = digit / 10;
    }
    sum[0] = static_cast<char>('0' + carry);
    return sum;
}

// Subtracts digit string `b` from `a` (equal length, a >= b).
std::string subtract_magnitudes(const std::string& a, const std::string& b) {
    std::string difference(a.size(), '0');
    int borrow = 0;
    for (std::size_t i = a.size(); i-- > 0;) {
        int digit = (a[i] - '0') - (b[i] - '0') - borrow;
        borrow = digit < 0 ? 1 : 0;
        difference[i] = static_cast<char>('0' + digit + borrow * 10);
    }
    return difference;
}

decimal add_signed(const decimal& a, bool a_negative, const decimal& b, bool b_negative) {
    if (b.is_zero()) {
        decimal copy = a;
        copy.negative = a.is_zero() ? false : a_negative;
        return copy;
    }
    if (a.is_zero()) {
        decimal copy = b;
        copy.negative = b_negative;
        return copy;
    }
    const long long scale_a = a.exponent - static_cast<long long>(a.digits.size());
    const long long scale_b = b.exponent - static_cast<long long>(b.digits.size());
    const long long scale = std::min(scale_a, scale_b);
    scaled_integer x = to_scaled_integer(a, scale);
    scaled_integer y = to_scaled_integer(b, scale);
    const std::size_t width = std::max(x.digits.size(), y.digits.size());
    x.digits.insert(0, width - x.digits.size(), '0');
    y.digits.insert(0, width - y.digits.size(), '0');

    std::string magnitude;
    bool negative = a_negative;
    if (a_negative == b_negative) {
        magnitude = add_magnitudes(x.digits, y.digits);
    } else if (compare_magnitudes(x.digits, y.digits) >= 0) {
        magnitude = subtract_magnitudes(x.digits, y.digits);
    } else {
        magnitude = subtract_magnitudes(y.digits, x.digits);
        negative = b_negative;
    }
    // parse_decimal normalises the result and applies DynamoDB's precision and range checks.
    std::string text = negative ? "-" : "";
    text += magnitude;
    text += 'E';
    text += std::to_string(scale);
    return parse_decimal(text);
}

}  // namespace

decimal add(const decimal& a, const decimal& b) {
    return add_signed(a, a.negative, b, b.negative);
}

decimal subtract(const decimal& a, const decimal& b) {
    return add_signed(a, a.negative, b, !b.negative);
}

}  // namespace lambdad::storage
