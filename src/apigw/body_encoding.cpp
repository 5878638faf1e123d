#include "apigw/body_encoding.hpp"

#include "apigw/headers.hpp"

#include <openssl/evp.h>

namespace lambdad::apigw {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

/// Returns the `type/subtype` of a media type, without parameters, lower-cased.
std::string essence_of(std::string_view media_type) {
    std::string essence(trim(media_type.substr(0, media_type.find(';'))));
    for (char& c : essence) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c + 32);
        }
    }
    return essence;
}

bool part_matches(std::string_view pattern, std::string_view part) {
    return pattern == "*" || pattern == part;
}

bool essence_matches(std::string_view essence, std::string_view pattern) {
    std::size_t slash = essence.find('/');
    std::size_t pattern_slash = pattern.find('/');
    if (slash == std::string_view::npos || pattern_slash == std::string_view::npos) {
        return essence == pattern;
    }
    return part_matches(pattern.substr(0, pattern_slash), essence.substr(0, slash)) &&
           part_matches(pattern.substr(pattern_slash + 1), essence.substr(slash + 1));
}

/// The text media types of an HTTP API: "Create AWS Lambda proxy integrations for HTTP APIs
/// in API Gateway" passes other bodies, and bodies without a Content-Type, base64-encoded.
bool is_text_media_type(std::string_view media_type) {
    std::string essence = essence_of(media_type);
    return essence.rfind("text/", 0) == 0 || essence == "application/json" ||
           essence == "application/xml" || essence == "application/javascript";
}

}  // namespace

std::string encode_base64(std::string_view bytes) {
    std::string encoded((bytes.size() + 2) / 3 * 4 + 1, '\0');
    int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                 reinterpret_cast<const unsigned char*>(bytes.data()),
                                 static_cast<int>(bytes.size()));
    encoded.resize(static_cast<std::size_t>(length));
    return encoded;
}

std::optional<std::string> decode_base64(std::string_view text) {
    if (text.size() % 4 != 0) {
        return std::nullopt;
    }
    std::string decoded(text.size() / 4 * 3, '\0');
    int length = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                                 reinterpret_cast<const unsigned char*>(text.data()),
                                 static_cast<int>(text.size()));
    if (length < 0) {
        return std::nullopt;
    }
    // EVP_DecodeBlock counts each '=' of padding as a decoded zero byte.
    std::size_t padding = 0;
    for (std::size_t i = text.size(); i > 0 && text[i - 1] == '=' && padding < 2; --i) {
        ++padding;
    }
    decoded.resize(static_cast<std::size_t>(length) - padding);
    return decoded;
}

bool matches_media_type(std::string_view media_type, const std::vector<std::string>& patterns) {
    if (patterns.empty()) {
        return false;
    }
    std::string essence = essence_of(media_type);
    for (const auto& pattern : patterns) {
        if (essence_matches(essence, essence_of(pattern))) {
            return true;
        }
    }
    return false;
}

bool is_binary_request(const http::request& request, const config::api_config& api) {
    if (request.body.empty() || (!api.is_http_api() && api.binary_media_types.empty())) {
        return false;
    }
    auto content_type = find_header(request.headers, "Content-Type");
    if (api.is_http_api()) {
        return !content_type || !is_text_media_type(*content_type);
    }
    // "Working with binary media types for REST APIs in API Gateway": a Lambda proxy
    // integration gets the body base64-encoded when its Content-Type is a binary media type.
    return content_type && matches_media_type(*content_type, api.binary_media_types);
}

bool accepts_binary_response(const http::request& request, const config::api_config& api) {
    if (api.binary_media_types.empty()) {
        return false;
    }
    auto accept = find_header(request.headers, "Accept");
    if (!accept) {
        return false;
    }
    // "Return binary media from a Lambda proxy integration in API Gateway": only the first
    // media type of Accept is compared with binaryMediaTypes.
    return matches_media_type(accept->substr(0, accept->find(',')), api.binary_media_types);
}

}  // namespace lambdad::apigw
