#include "apigw/status_code.hpp"

#include <charconv>
#include <cstdint>
#include <string_view>

namespace lambdad::apigw {

std::optional<unsigned> parse_status_code(const simdjson::dom::element& value) {
    std::int64_t number = 0;
    std::string_view text;
    if (value.is_int64()) {
        number = value.get_int64().value_unsafe();
    } else if (value.get_string().get(text) == simdjson::SUCCESS) {
        auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
        if (error != std::errc() || end != text.data() + text.size()) {
            return std::nullopt;
        }
    } else {
        return std::nullopt;
    }
    // NOTE: API Gateway's exact range check is not documented; HTTP status codes are 100-599.
    if (number < 100 || number > 599) {
        return std::nullopt;
    }
    return static_cast<unsigned>(number);
}

}  // namespace lambdad::apigw
