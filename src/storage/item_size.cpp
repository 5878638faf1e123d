#include "storage/item_size.hpp"

#include "storage/decimal.hpp"

namespace lambdad::storage {
namespace {

// Sizes from the DynamoDB Developer Guide ("Item sizes and formats"). Strings and binary count
// their bytes, and a number counts 1 byte per two significant digits plus 1. BOOL and NULL count
// 1 byte. A list or map counts 3 bytes plus 1 byte per element, besides the elements themselves.
constexpr std::size_t container_overhead = 3;
constexpr std::size_t element_overhead = 1;

std::size_t number_size(const std::string& canonical_text) {
    const std::size_t digits = parse_decimal(canonical_text).digits.size();
    return (digits + 1) / 2 + 1;
}

}  // namespace

std::size_t value_size(const attribute_value& value) {
    using kind = attribute_value::kind;
    switch (value.type()) {
        case kind::S:
        case kind::B:
            return value.scalar().size();
        case kind::N:
            return number_size(value.scalar());
        case kind::BOOL:
        case kind::NULL_:
            return 1;
        case kind::M:
            return container_overhead + item_size(value.members()) +
                   element_overhead * value.members().size();
        case kind::L: {
            std::size_t size = container_overhead + element_overhead * value.elements().size();
            for (const auto& element : value.elements()) {
                size += value_size(element);
            }
            return size;
        }
        case kind::SS:
        case kind::BS: {
            std::size_t size = 0;
            for (const auto& member : value.set_members()) {
                size += member.size();
            }
            return size;
        }
        case kind::NS: {
            std::size_t size = 0;
            for (const auto& member : value.set_members()) {
                size += number_size(member);
            }
            return size;
        }
    }
    return 0;
}

std::size_t item_size(const item& value) {
    std::size_t size = 0;
    for (const auto& [name, attribute] : value) {
        size += name.size() + value_size(attribute);
    }
    return size;
}

}  // namespace lambdad::storage
