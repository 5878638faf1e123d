#include "apigw/headers.hpp"

namespace lambdad::apigw {
namespace {

char to_lower_ascii(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c;
}

}  // namespace

bool header_name_equals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (to_lower_ascii(a[i]) != to_lower_ascii(b[i])) {
            return false;
        }
    }
    return true;
}

std::optional<std::string_view> find_header(const std::vector<http::header>& headers,
                                            std::string_view name) {
    std::optional<std::string_view> found;
    for (const auto& header : headers) {
        if (header_name_equals(header.name, name)) {
            found = header.value;
        }
    }
    return found;
}

}  // namespace lambdad::apigw
