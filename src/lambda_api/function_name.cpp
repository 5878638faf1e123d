#include "lambda_api/function_name.hpp"

#include "common/aws_account.hpp"

#include <algorithm>
#include <vector>

namespace lambdad::lambda_api {
namespace {

std::vector<std::string_view> split_colons(std::string_view text) {
    std::vector<std::string_view> parts;
    for (;;) {
        std::size_t colon = text.find(':');
        parts.push_back(text.substr(0, colon));
        if (colon == std::string_view::npos) {
            return parts;
        }
        text.remove_prefix(colon + 1);
    }
}

// Lambda's qualifiers: a version ($LATEST or digits) or an alias name, at most 128 characters.
bool is_qualifier(std::string_view text) {
    if (text == "$LATEST") {
        return true;
    }
    return !text.empty() && text.size() <= 128 && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

std::optional<function_reference> make_reference(std::string_view name,
                                                 std::optional<std::string_view> qualifier) {
    if (!is_function_name(name) || (qualifier && !is_qualifier(*qualifier))) {
        return std::nullopt;
    }
    function_reference reference{std::string(name), std::nullopt, std::nullopt};
    if (qualifier) {
        reference.qualifier = std::string(*qualifier);
    }
    return reference;
}

// An ARN of another account or region names no function here, so the caller gets 404 with
// that ARN.
std::optional<function_reference> foreign_reference(std::string_view name,
                                                    std::optional<std::string_view> qualifier,
                                                    std::string arn) {
    auto reference = make_reference(name, qualifier);
    if (reference) {
        reference->foreign_arn = std::move(arn);
    }
    return reference;
}

}  // namespace

bool is_function_name(std::string_view text) {
    return !text.empty() && text.size() <= 64 && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_';
    });
}

std::optional<function_reference> parse_function_reference(std::string_view text) {
    std::vector<std::string_view> parts = split_colons(text);
    std::optional<std::string_view> qualifier;
    switch (parts.size()) {
        case 1:
            return make_reference(parts[0], std::nullopt);
        case 2:
            return make_reference(parts[0], parts[1]);
        case 4:
            qualifier = parts[3];
            [[fallthrough]];
        case 3:
            if (parts[1] != "function") {
                return std::nullopt;
            }
            if (parts[0] != account_id) {
                return foreign_reference(parts[2], qualifier,
                                         "arn:aws:lambda:" + std::string(region) + ":" +
                                             std::string(parts[0]) +
                                             ":function:" + std::string(parts[2]));
            }
            return make_reference(parts[2], qualifier);
        case 8:
            qualifier = parts[7];
            [[fallthrough]];
        case 7:
            if (parts[0] != "arn" || parts[2] != "lambda" || parts[5] != "function") {
                return std::nullopt;
            }
            if (parts[3] != region || parts[4] != account_id) {
                return foreign_reference(
                    parts[6], qualifier,
                    "arn:" + std::string(parts[1]) + ":lambda:" + std::string(parts[3]) + ":" +
                        std::string(parts[4]) + ":function:" + std::string(parts[6]));
            }
            return make_reference(parts[6], qualifier);
        default:
            return std::nullopt;
    }
}

}  // namespace lambdad::lambda_api
