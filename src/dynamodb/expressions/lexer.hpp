#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace lambdad::dynamodb::expr {

/// The kinds of tokens in DynamoDB expressions.
enum class token_kind {
    identifier,         ///< a name or keyword: a letter or `_`, then letters, digits or `_`
    name_placeholder,   ///< `#` followed by letters, digits or `_`
    value_placeholder,  ///< `:` followed by letters, digits or `_`
    number,             ///< decimal digits, valid only as a list index
    left_paren,
    right_paren,
    left_bracket,
    right_bracket,
    comma,
    dot,
    equal,
    not_equal,
    less,
    less_or_equal,
    greater,
    greater_or_equal,
    plus,
    minus,
    end,      ///< the end of the text
    invalid,  ///< a character that starts no token
};

/// A token as a slice of the expression text.
struct token {
    token_kind kind = token_kind::end;
    std::size_t offset = 0;
    std::size_t length = 0;
};

/// Splits an expression into tokens, ending with one token of kind end. Runs in linear time and
/// never throws except std::bad_alloc; characters that start no token become invalid tokens of
/// one UTF-8 sequence.
std::vector<token> tokenize(std::string_view text);

}  // namespace lambdad::dynamodb::expr
