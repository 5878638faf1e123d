#include "dynamodb/expressions/compare.hpp"

#include "storage/decimal.hpp"

#include <string_view>

namespace lambdad::dynamodb::expr {

std::optional<int> compare_ordered(const attribute_value& a, const attribute_value& b) {
    if (a.type() != b.type()) {
        return std::nullopt;
    }
    switch (a.type()) {
        case attribute_value::kind::N:
            return storage::compare(storage::parse_decimal(a.scalar()),
                                    storage::parse_decimal(b.scalar()));
        case attribute_value::kind::S:
        case attribute_value::kind::B: {
            // std::string compares chars through char_traits<char>, which compares as unsigned
            // char, so this is byte order for both UTF-8 text and binary data.
            const int order = std::string_view(a.scalar()).compare(b.scalar());
            return order < 0 ? -1 : (order > 0 ? 1 : 0);
        }
        default:
            return std::nullopt;
    }
}

}  // namespace lambdad::dynamodb::expr
