#pragma once

#include <compare>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace lambdad {

class attribute_value;

/// An item or a map attribute: attribute names to values, ordered by name.
using item = std::map<std::string, attribute_value, std::less<>>;

/// One DynamoDB attribute value with its type (S, N, B, BOOL, NULL, M, L, SS, NS, BS).
///
/// Values are immutable once built. Numbers are held as their canonical decimal text (at most
/// 38 significant digits, magnitude 1E-130 to 9.99...E+125), so `1.0`, `1E0` and `001` all
/// become `1`. Binary values hold raw bytes. Thread-safe for concurrent reads.
class attribute_value {
public:
    /// The DynamoDB data type of a value.
    enum class kind { S, N, B, BOOL, NULL_, M, L, SS, NS, BS };

    /// Builds the NULL value.
    attribute_value();

    /// Builds a string (S) value; DynamoDB requires valid UTF-8, which the caller ensures.
    static attribute_value string(std::string text);
    /// Builds a number (N) value from decimal text such as `42`, `-1.5` or `1E3`.
    /// Throws std::invalid_argument with DynamoDB's message when the text is not a number,
    /// has more than 38 significant digits or is out of range.
    static attribute_value number(std::string_view text);
    /// Builds a binary (B) value from raw bytes.
    static attribute_value binary(std::string bytes);
    /// Builds a BOOL value.
    static attribute_value boolean(bool value);
    /// Builds the NULL value.
    static attribute_value null();
    /// Builds a map (M) value.
    static attribute_value map(item members);
    /// Builds a list (L) value.
    static attribute_value list(std::vector<attribute_value> elements);
    /// Builds a string set (SS); duplicates are removed. Throws std::invalid_argument when empty.
    static attribute_value string_set(std::vector<std::string> members);
    /// Builds a number set (NS) from decimal texts; duplicates by value are removed.
    /// Throws std::invalid_argument when empty or when a member is not a valid number.
    static attribute_value number_set(const std::vector<std::string>& members);
    /// Builds a binary set (BS); duplicates are removed. Throws std::invalid_argument when empty.
    static attribute_value binary_set(std::vector<std::string> members);

    /// The value's DynamoDB type.
    kind type() const { return kind_; }

    /// The text of an S value, the canonical text of an N value or the bytes of a B value.
    /// Throws std::logic_error for other types.
    const std::string& scalar() const;
    /// The value of a BOOL. Throws std::logic_error for other types.
    bool boolean_value() const;
    /// The members of an M value. Throws std::logic_error for other types.
    const item& members() const;
    /// The elements of an L value. Throws std::logic_error for other types.
    const std::vector<attribute_value>& elements() const;
    /// The members of an SS, NS or BS value, sorted and without duplicates.
    /// Throws std::logic_error for other types.
    const std::vector<std::string>& set_members() const;

    /// Compares type and value; numbers compare by value through their canonical text.
    friend bool operator==(const attribute_value& a, const attribute_value& b);

private:
    kind kind_;
    bool boolean_ = false;
    std::string scalar_;
    std::vector<std::string> set_;
    std::vector<attribute_value> list_;
    item map_;
};

/// The DynamoDB type descriptor of a kind: "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS"
/// or "BS".
std::string_view to_string(attribute_value::kind kind);

}  // namespace lambdad
