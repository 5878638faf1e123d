#include "common/utf8.hpp"

namespace lambdad {
namespace {

constexpr std::string_view replacement_character = "\xEF\xBF\xBD";

/// Returns the length of the UTF-8 sequence that `lead` starts, or 0 when no valid sequence
/// starts with it.
std::size_t expected_sequence_length(unsigned char lead) {
    if (lead < 0x80) {
        return 1;
    }
    if (lead < 0xC2) {
        return 0;
    }
    if (lead < 0xE0) {
        return 2;
    }
    if (lead < 0xF0) {
        return 3;
    }
    return lead < 0xF5 ? 4 : 0;
}

/// Returns the length of the valid UTF-8 sequence at the start of `text`, or 0 when there is
/// none: no overlong forms, no surrogates, nothing above U+10FFFF (RFC 3629 section 4).
std::size_t valid_sequence_length(std::string_view text) {
    auto byte = [&text](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    unsigned char lead = byte(0);
    std::size_t length = expected_sequence_length(lead);
    if (length == 0 || length > text.size()) {
        return 0;
    }
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80) {
            return 0;
        }
    }
    // The second byte's range excludes overlong forms, surrogates and values over U+10FFFF.
    bool in_range = !((lead == 0xE0 && byte(1) < 0xA0) || (lead == 0xED && byte(1) > 0x9F) ||
                      (lead == 0xF0 && byte(1) < 0x90) || (lead == 0xF4 && byte(1) > 0x8F));
    return in_range ? length : 0;
}

}  // namespace

std::string replace_invalid_utf8(std::string_view text) {
    std::string repaired;
    repaired.reserve(text.size() + 16);
    while (!text.empty()) {
        std::size_t length = valid_sequence_length(text);
        if (length == 0) {
            repaired.append(replacement_character);
            text.remove_prefix(1);
        } else {
            repaired.append(text.substr(0, length));
            text.remove_prefix(length);
        }
    }
    return repaired;
}

}  // namespace lambdad
