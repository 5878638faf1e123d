#include "dynamodb/expressions/lexer.hpp"

namespace lambdad::dynamodb::expr {
namespace {

bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_name_character(char c) {
    return is_letter(c) || is_digit(c) || c == '_';
}

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::size_t span_while(std::string_view text, std::size_t pos, bool (*predicate)(char)) {
    std::size_t end = pos;
    while (end < text.size() && predicate(text[end])) {
        ++end;
    }
    return end - pos;
}

// The byte length of the UTF-8 sequence that starts with `lead`, so that an invalid token quoted
// in an error message never splits a character.
std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead >= 0xF0) {
        return 4;
    }
    if (lead >= 0xE0) {
        return 3;
    }
    if (lead >= 0xC0) {
        return 2;
    }
    return 1;
}

// Reads an operator or punctuation token at `pos`; kind invalid when none starts there.
token read_symbol(std::string_view text, std::size_t pos) {
    const char c = text[pos];
    const char following = pos + 1 < text.size() ? text[pos + 1] : '\0';
    switch (c) {
        case '(':
            return {token_kind::left_paren, pos, 1};
        case ')':
            return {token_kind::right_paren, pos, 1};
        case '[':
            return {token_kind::left_bracket, pos, 1};
        case ']':
            return {token_kind::right_bracket, pos, 1};
        case ',':
            return {token_kind::comma, pos, 1};
        case '.':
            return {token_kind::dot, pos, 1};
        case '=':
            return {token_kind::equal, pos, 1};
        case '+':
            return {token_kind::plus, pos, 1};
        case '-':
            return {token_kind::minus, pos, 1};
        case '<':
            if (following == '=') {
                return {token_kind::less_or_equal, pos, 2};
            }
            if (following == '>') {
                return {token_kind::not_equal, pos, 2};
            }
            return {token_kind::less, pos, 1};
        case '>':
            if (following == '=') {
                return {token_kind::greater_or_equal, pos, 2};
            }
            return {token_kind::greater, pos, 1};
        default: {
            const std::size_t length =
                std::min(utf8_sequence_length(static_cast<unsigned char>(c)), text.size() - pos);
            return {token_kind::invalid, pos, length};
        }
    }
}

token read_token(std::string_view text, std::size_t pos) {
    const char c = text[pos];
    if (is_letter(c) || c == '_') {
        return {token_kind::identifier, pos, span_while(text, pos, is_name_character)};
    }
    if (is_digit(c)) {
        return {token_kind::number, pos, span_while(text, pos, is_digit)};
    }
    if ((c == '#' || c == ':') && pos + 1 < text.size() && is_name_character(text[pos + 1])) {
        const auto kind = c == '#' ? token_kind::name_placeholder : token_kind::value_placeholder;
        return {kind, pos, 1 + span_while(text, pos + 1, is_name_character)};
    }
    return read_symbol(text, pos);
}

}  // namespace

std::vector<token> tokenize(std::string_view text) {
    std::vector<token> tokens;
    std::size_t pos = 0;
    while (true) {
        pos += span_while(text, pos, is_space);
        if (pos >= text.size()) {
            break;
        }
        tokens.push_back(read_token(text, pos));
        pos += tokens.back().length;
    }
    tokens.push_back({token_kind::end, text.size(), 0});
    return tokens;
}

}  // namespace lambdad::dynamodb::expr
