#include "lambdad/attribute_value.hpp"

#include "storage/decimal.hpp"

#include <algorithm>
#include <stdexcept>

namespace lambdad {
namespace {

// std::string's operator< compares as unsigned char, so this orders binary sets by unsigned
// bytes and string sets by UTF-8 code units.
void sort_unique(std::vector<std::string>& members) {
    std::sort(members.begin(), members.end());
    members.erase(std::unique(members.begin(), members.end()), members.end());
}

[[noreturn]] void throw_wrong_type(std::string_view accessor, attribute_value::kind actual) {
    throw std::logic_error(std::string("attribute_value::") + std::string(accessor) +
                           " called on a value of type " + std::string(to_string(actual)));
}

}  // namespace

attribute_value::attribute_value() : kind_(kind::NULL_) {}

attribute_value attribute_value::string(std::string text) {
    attribute_value value;
    value.kind_ = kind::S;
    value.scalar_ = std::move(text);
    return value;
}

attribute_value attribute_value::number(std::string_view text) {
    attribute_value value;
    value.kind_ = kind::N;
    value.scalar_ = storage::canonical_number_text(text);
    return value;
}

attribute_value attribute_value::binary(std::string bytes) {
    attribute_value value;
    value.kind_ = kind::B;
    value.scalar_ = std::move(bytes);
    return value;
}

attribute_value attribute_value::boolean(bool flag) {
    attribute_value value;
    value.kind_ = kind::BOOL;
    value.boolean_ = flag;
    return value;
}

attribute_value attribute_value::null() {
    return attribute_value();
}

attribute_value attribute_value::map(item members) {
    attribute_value value;
    value.kind_ = kind::M;
    value.map_ = std::move(members);
    return value;
}

attribute_value attribute_value::list(std::vector<attribute_value> elements) {
    attribute_value value;
    value.kind_ = kind::L;
    value.list_ = std::move(elements);
    return value;
}

// The empty-set messages are DynamoDB's, double space included.
attribute_value attribute_value::string_set(std::vector<std::string> members) {
    if (members.empty()) {
        throw std::invalid_argument(
            "One or more parameter values were invalid: An string set  may not be empty");
    }
    attribute_value value;
    value.kind_ = kind::SS;
    value.set_ = std::move(members);
    sort_unique(value.set_);
    return value;
}

attribute_value attribute_value::number_set(const std::vector<std::string>& members) {
    if (members.empty()) {
        throw std::invalid_argument(
            "One or more parameter values were invalid: An number set  may not be empty");
    }
    std::vector<storage::decimal> numbers;
    numbers.reserve(members.size());
    for (const auto& member : members) {
        numbers.push_back(storage::parse_decimal(member));
    }
    const auto less = [](const storage::decimal& a, const storage::decimal& b) {
        return storage::compare(a, b) < 0;
    };
    const auto equal = [](const storage::decimal& a, const storage::decimal& b) {
        return storage::compare(a, b) == 0;
    };
    std::sort(numbers.begin(), numbers.end(), less);
    numbers.erase(std::unique(numbers.begin(), numbers.end(), equal), numbers.end());

    attribute_value value;
    value.kind_ = kind::NS;
    value.set_.reserve(numbers.size());
    for (const auto& number : numbers) {
        value.set_.push_back(storage::to_canonical_text(number));
    }
    return value;
}

attribute_value attribute_value::binary_set(std::vector<std::string> members) {
    if (members.empty()) {
        throw std::invalid_argument(
            "One or more parameter values were invalid: Binary sets should not be empty");
    }
    attribute_value value;
    value.kind_ = kind::BS;
    value.set_ = std::move(members);
    sort_unique(value.set_);
    return value;
}

const std::string& attribute_value::scalar() const {
    if (kind_ != kind::S && kind_ != kind::N && kind_ != kind::B) {
        throw_wrong_type("scalar", kind_);
    }
    return scalar_;
}

bool attribute_value::boolean_value() const {
    if (kind_ != kind::BOOL) {
        throw_wrong_type("boolean_value", kind_);
    }
    return boolean_;
}

const item& attribute_value::members() const {
    if (kind_ != kind::M) {
        throw_wrong_type("members", kind_);
    }
    return map_;
}

const std::vector<attribute_value>& attribute_value::elements() const {
    if (kind_ != kind::L) {
        throw_wrong_type("elements", kind_);
    }
    return list_;
}

const std::vector<std::string>& attribute_value::set_members() const {
    if (kind_ != kind::SS && kind_ != kind::NS && kind_ != kind::BS) {
        throw_wrong_type("set_members", kind_);
    }
    return set_;
}

// Canonical number text makes equal numbers equal strings, so every comparison is by field.
bool operator==(const attribute_value& a, const attribute_value& b) {
    if (a.kind_ != b.kind_) {
        return false;
    }
    switch (a.kind_) {
        case attribute_value::kind::S:
        case attribute_value::kind::N:
        case attribute_value::kind::B:
            return a.scalar_ == b.scalar_;
        case attribute_value::kind::BOOL:
            return a.boolean_ == b.boolean_;
        case attribute_value::kind::NULL_:
            return true;
        case attribute_value::kind::M:
            return a.map_ == b.map_;
        case attribute_value::kind::L:
            return a.list_ == b.list_;
        case attribute_value::kind::SS:
        case attribute_value::kind::NS:
        case attribute_value::kind::BS:
            return a.set_ == b.set_;
    }
    return false;
}

std::string_view to_string(attribute_value::kind kind) {
    switch (kind) {
        case attribute_value::kind::S:
            return "S";
        case attribute_value::kind::N:
            return "N";
        case attribute_value::kind::B:
            return "B";
        case attribute_value::kind::BOOL:
            return "BOOL";
        case attribute_value::kind::NULL_:
            return "NULL";
        case attribute_value::kind::M:
            return "M";
        case attribute_value::kind::L:
            return "L";
        case attribute_value::kind::SS:
            return "SS";
        case attribute_value::kind::NS:
            return "NS";
        case attribute_value::kind::BS:
            return "BS";
    }
    return "NULL";
}

}  // namespace lambdad
