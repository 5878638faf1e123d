#include "dynamodb/capacity.hpp"

#include "dynamodb/api_error.hpp"

namespace lambdad::dynamodb {
namespace {

constexpr std::size_t read_unit_bytes = 4096;
constexpr std::size_t write_unit_bytes = 1024;

std::size_t units_for(std::size_t bytes, std::size_t unit) {
    const std::size_t units = (bytes + unit - 1) / unit;
    return units == 0 ? 1 : units;
}

}  // namespace

capacity_detail read_capacity_detail(std::optional<std::string_view> value) {
    if (!value || *value == "NONE") {
        return capacity_detail::none;
    }
    if (*value == "TOTAL") {
        return capacity_detail::total;
    }
    if (*value == "INDEXES") {
        return capacity_detail::indexes;
    }
    throw api_error::validation(
        "1 validation error detected: Value '" + std::string(*value) +
        "' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum "
        "value set: [INDEXES, TOTAL, NONE]");
}

double read_units(std::size_t bytes, bool consistent, bool transactional) {
    const double units = static_cast<double>(units_for(bytes, read_unit_bytes));
    if (transactional) {
        return 2 * units;
    }
    return consistent ? units : units / 2;
}

double write_units(std::size_t bytes, bool transactional) {
    const double units = static_cast<double>(units_for(bytes, write_unit_bytes));
    return transactional ? 2 * units : units;
}

std::optional<boost::json::object> consumed_capacity(capacity_detail detail,
                                                     const std::string& table, double read,
                                                     double write) {
    if (detail == capacity_detail::none) {
        return std::nullopt;
    }
    boost::json::object capacity{{"TableName", table}, {"CapacityUnits", read + write}};
    if (read > 0) {
        capacity["ReadCapacityUnits"] = read;
    }
    if (write > 0) {
        capacity["WriteCapacityUnits"] = write;
    }
    if (detail == capacity_detail::indexes) {
        capacity["Table"] = boost::json::object{{"CapacityUnits", read + write}};
    }
    return capacity;
}

void add_consumed_capacity(boost::json::object& response, capacity_detail detail,
                           const std::string& table, double read, double write) {
    if (auto capacity = consumed_capacity(detail, table, read, write)) {
        response["ConsumedCapacity"] = std::move(*capacity);
    }
}

}  // namespace lambdad::dynamodb
