#include "dynamodb/expressions/parser.hpp"

#include <algorithm>
#include <cctype>

namespace lambdad::dynamodb::expr {
namespace {

std::string_view parameter_name(expression_kind kind) {
    switch (kind) {
        case expression_kind::condition:
            return "ConditionExpression";
        case expression_kind::filter:
            return "FilterExpression";
        case expression_kind::key_condition:
            return "KeyConditionExpression";
        case expression_kind::projection:
            return "ProjectionExpression";
        case expression_kind::update:
            return "UpdateExpression";
    }
    return "Expression";
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::toupper(static_cast<unsigned char>(x)) ==
                      std::toupper(static_cast<unsigned char>(y));
           });
}

// Words that are operators of the expression grammar: they can never be a path element, so
// meeting one where a path should start is a syntax error rather than a reserved-word error.
bool is_grammar_keyword(std::string_view word, expression_kind kind) {
    if (kind == expression_kind::projection) {
        return false;
    }
    if (kind == expression_kind::update) {
        for (std::string_view keyword : {"SET", "REMOVE", "ADD", "DELETE"}) {
            if (equals_ignoring_case(word, keyword)) {
                return true;
            }
        }
        return false;
    }
    for (std::string_view keyword : {"AND", "OR", "NOT", "BETWEEN", "IN"}) {
        if (equals_ignoring_case(word, keyword)) {
            return true;
        }
    }
    return false;
}

std::size_t parse_index(std::string_view digits) {
    // Saturate: no list is this long, so any larger index reads as missing.
    constexpr std::size_t saturation = 1'000'000'000;
    std::size_t value = 0;
    for (char c : digits) {
        value = std::min(value * 10 + static_cast<std::size_t>(c - '0'), saturation);
    }
    return value;
}

}  // namespace

parser::parser(std::string_view text, expression_kind kind, attribute_context& context)
    : text_(text), kind_(kind), context_(context) {
    if (text.size() > max_expression_bytes) {
        fail("Expression size has exceeded the maximum allowed size; expression size: " +
             std::to_string(text.size()));
    }
    tokens_ = tokenize(text);
    if (tokens_.size() == 1) {
        fail("The expression can not be empty;");
    }
}

const token& parser::peek(std::size_t ahead) const {
    return tokens_[std::min(position_ + ahead, tokens_.size() - 1)];
}

const token& parser::next() {
    const token& current = tokens_[position_];
    if (position_ + 1 < tokens_.size()) {
        ++position_;
    }
    return current;
}

std::string_view parser::text_of(const token& t) const {
    return text_.substr(t.offset, t.length);
}

bool parser::at_keyword(std::string_view keyword) const {
    return at(token_kind::identifier) && equals_ignoring_case(text_of(peek()), keyword);
}

const token& parser::expect(token_kind kind) {
    if (!at(kind)) {
        syntax_error(peek());
    }
    return next();
}

void parser::fail(std::string_view message) const {
    throw validation_error("Invalid " + std::string(parameter_name(kind_)) + ": " +
                           std::string(message));
}

// DynamoDB quotes the unexpected token ("<EOF>" at the end of the text) and, as "near", the
// text from the token before it to the token after it. For example `ADD hits : incr` gives
// token ":" near "hits : incr", as quoted from DynamoDB replies in public reports.
void parser::syntax_error(const token& unexpected) const {
    const auto index = static_cast<std::size_t>(&unexpected - tokens_.data());
    const token& before = index > 0 ? tokens_[index - 1] : unexpected;
    const token& after =
        unexpected.kind == token_kind::end || tokens_[index + 1].kind == token_kind::end
            ? unexpected
            : tokens_[index + 1];
    const std::size_t end = unexpected.kind == token_kind::end ? before.offset + before.length
                                                               : after.offset + after.length;
    const std::string token_text = unexpected.kind == token_kind::end
                                       ? std::string("<EOF>")
                                       : std::string(text_of(unexpected));
    fail("Syntax error; token: \"" + token_text + "\", near: \"" +
         std::string(text_.substr(before.offset, end - before.offset)) + "\"");
}

void parser::enter_nesting() {
    if (++depth_ <= max_nesting_depth) {
        return;
    }
    // NOTE: DynamoDB's reply to nesting this deep is not documented; the text cannot be valid,
    // because each level needs an operator or is a redundant pair of parentheses.
    if (operators_ > max_operators) {
        fail("The expression contains too many operators; operator count: " +
             std::to_string(operators_));
    }
    fail("The expression has redundant parentheses;");
}

void parser::record(error_kind kind, std::string message) {
    auto& slot = errors_[static_cast<std::size_t>(kind)];
    if (!slot) {
        slot = std::move(message);
    }
}

void parser::raise_recorded(std::initializer_list<error_kind> order) const {
    if (operators_ > max_operators) {
        fail("The expression contains too many operators; operator count: " +
             std::to_string(operators_));
    }
    for (error_kind kind : order) {
        const auto& slot = errors_[static_cast<std::size_t>(kind)];
        if (slot) {
            fail(*slot);
        }
    }
}

document_path parser::parse_path() {
    document_path path;
    while (true) {
        const token& element = next();
        if (element.kind == token_kind::name_placeholder) {
            const std::string* name = context_.resolve_name(text_of(element));
            if (name == nullptr) {
                record(error_kind::undefined_name,
                       "An expression attribute name used in the document path is not defined; "
                       "attribute name: " +
                           std::string(text_of(element)));
            }
            path.emplace_back(name != nullptr ? *name : std::string(text_of(element)));
        } else if (element.kind == token_kind::identifier &&
                   !is_grammar_keyword(text_of(element), kind_)) {
            if (is_reserved_word(text_of(element))) {
                record(error_kind::reserved_word,
                       "Attribute name is a reserved keyword; reserved keyword: " +
                           std::string(text_of(element)));
            }
            path.emplace_back(std::string(text_of(element)));
        } else {
            syntax_error(element);
        }
        while (at(token_kind::left_bracket)) {
            next();
            path.emplace_back(parse_index(text_of(expect(token_kind::number))));
            expect(token_kind::right_bracket);
        }
        if (!at(token_kind::dot)) {
            return path;
        }
        next();
    }
}

operand parser::parse_operand() {
    if (at(token_kind::left_paren)) {
        next();
        enter_nesting();
        const bool redundant = at(token_kind::left_paren);
        operand inner = parse_operand();
        expect(token_kind::right_paren);
        leave_nesting();
        if (redundant) {
            record(error_kind::redundant_parentheses, "The expression has redundant parentheses;");
        }
        return inner;
    }
    if (at(token_kind::value_placeholder)) {
        const token& placeholder = next();
        operand result;
        result.type = operand::kind::value;
        if (const attribute_value* value = context_.resolve_value(text_of(placeholder))) {
            result.value = *value;
        } else {
            record(error_kind::undefined_value,
                   "An expression attribute value used in expression is not defined; "
                   "attribute value: " +
                       std::string(text_of(placeholder)));
        }
        return result;
    }
    if (at(token_kind::identifier) && peek(1).kind == token_kind::left_paren) {
        return parse_function_call();
    }
    operand result;
    result.type = operand::kind::path;
    result.path = parse_path();
    return result;
}

}  // namespace lambdad::dynamodb::expr
