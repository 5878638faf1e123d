#pragma once

#include <string>
#include <string_view>

namespace lambdad {

/// Returns `text` with each byte that does not belong to a valid UTF-8 sequence (RFC 3629)
/// replaced by U+FFFD.
std::string replace_invalid_utf8(std::string_view text);

}  // namespace lambdad
