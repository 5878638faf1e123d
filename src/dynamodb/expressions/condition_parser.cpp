#include "dynamodb/expressions/compare.hpp"
#include "dynamodb/expressions/parser.hpp"

namespace lambdad::dynamodb::expr {
namespace {

using detail::condition_node;

// A parsed piece of a condition: either a condition or, inside parentheses or before a
// comparator, an operand. The grammar cannot tell them apart at an opening parenthesis, so
// the parser carries both until the next token decides.
struct term {
    bool is_condition = false;
    condition_node condition;
    operand value;
    bool parenthesized = false;
};

std::optional<comparator> comparator_at(const parser& reader) {
    switch (reader.peek().kind) {
        case token_kind::equal:
            return comparator::equal;
        case token_kind::not_equal:
            return comparator::not_equal;
        case token_kind::less:
            return comparator::less;
        case token_kind::less_or_equal:
            return comparator::less_or_equal;
        case token_kind::greater:
            return comparator::greater;
        case token_kind::greater_or_equal:
            return comparator::greater_or_equal;
        default:
            return std::nullopt;
    }
}

class condition_reader {
public:
    explicit condition_reader(parser& reader) : reader_(reader) {}

    term parse_or() {
        return parse_chain("OR", condition_node::kind::or_, &condition_reader::parse_and);
    }

    // Turns a term into a condition where the grammar needs one; `next` is the token that
    // follows it, which is the unexpected token when the term is a plain operand.
    condition_node require_condition(term&& piece, const token& next) {
        if (piece.is_condition) {
            return std::move(piece.condition);
        }
        operand& value = piece.value;
        if (value.type != operand::kind::function) {
            reader_.syntax_error(next);
        }
        if (!is_condition_function(value.function)) {
            reader_.record(error_kind::misused_function,
                           "The function is not allowed to be used this way in an expression; "
                           "function: " +
                               std::string(function_name(value.function)));
        }
        condition_node node;
        node.type = condition_node::kind::function;
        node.function = value.function;
        node.operands = std::move(value.arguments);
        return node;
    }

private:
    using level_parser = term (condition_reader::*)();

    term parse_and() {
        return parse_chain("AND", condition_node::kind::and_, &condition_reader::parse_not);
    }

    // Parses `operand (keyword operand)*` as one n-ary node, so long chains stay flat.
    term parse_chain(std::string_view keyword, condition_node::kind kind,
                     level_parser operand_parser) {
        term first = (this->*operand_parser)();
        if (!reader_.at_keyword(keyword)) {
            return first;
        }
        term chain;
        chain.is_condition = true;
        chain.condition.type = kind;
        chain.condition.children.push_back(require_condition(std::move(first), reader_.peek()));
        while (reader_.at_keyword(keyword)) {
            reader_.next();
            reader_.count_operator();
            term following = (this->*operand_parser)();
            chain.condition.children.push_back(
                require_condition(std::move(following), reader_.peek()));
        }
        return chain;
    }

    term parse_not() {
        if (!reader_.at_keyword("NOT")) {
            return parse_comparison();
        }
        reader_.next();
        reader_.count_operator();
        reader_.enter_nesting();
        term inner = parse_not();
        term result;
        result.is_condition = true;
        result.condition.type = condition_node::kind::not_;
        result.condition.children.push_back(require_condition(std::move(inner), reader_.peek()));
        reader_.leave_nesting();
        return result;
    }

    term parse_comparison() {
        term left = parse_primary();
        if (left.is_condition) {
            return left;
        }
        if (const auto op = comparator_at(reader_)) {
            return parse_compare(std::move(left.value), *op);
        }
        if (reader_.at_keyword("BETWEEN")) {
            return parse_between(std::move(left.value));
        }
        if (reader_.at_keyword("IN")) {
            return parse_in(std::move(left.value));
        }
        return left;
    }

    term parse_primary() {
        if (!reader_.at(token_kind::left_paren)) {
            term result;
            result.value = reader_.parse_operand();
            return result;
        }
        reader_.next();
        reader_.enter_nesting();
        term inner = parse_or();
        reader_.expect(token_kind::right_paren);
        reader_.leave_nesting();
        if (inner.parenthesized) {
            reader_.record(error_kind::redundant_parentheses,
                           "The expression has redundant parentheses;");
        }
        inner.parenthesized = true;
        return inner;
    }

    term make_condition(condition_node::kind kind, std::vector<operand> operands) {
        for (const auto& value : operands) {
            reader_.check_not_condition_function(value);
        }
        reader_.count_operator();
        term result;
        result.is_condition = true;
        result.condition.type = kind;
        result.condition.operands = std::move(operands);
        return result;
    }

    term parse_compare(operand left, comparator op) {
        reader_.next();
        operand right = reader_.parse_operand();
        reader_.check_distinct(comparator_text(op), left, right);
        std::vector<operand> operands;
        operands.push_back(std::move(left));
        operands.push_back(std::move(right));
        term result = make_condition(condition_node::kind::compare, std::move(operands));
        result.condition.op = op;
        return result;
    }

    term parse_between(operand value) {
        reader_.next();
        operand lower = reader_.parse_operand();
        if (!reader_.at_keyword("AND")) {
            reader_.syntax_error(reader_.peek());
        }
        reader_.next();
        operand upper = reader_.parse_operand();
        check_bounds(lower, upper);
        std::vector<operand> operands;
        operands.push_back(std::move(value));
        operands.push_back(std::move(lower));
        operands.push_back(std::move(upper));
        return make_condition(condition_node::kind::between, std::move(operands));
    }

    void check_bounds(const operand& lower, const operand& upper) {
        if (lower.type != operand::kind::value || upper.type != operand::kind::value) {
            return;
        }
        const std::string bounds =
            "lower bound operand: AttributeValue: " + describe_value(lower.value) +
            ", upper bound operand: AttributeValue: " + describe_value(upper.value);
        if (lower.value.type() != upper.value.type()) {
            reader_.record(error_kind::function_operand,
                           "The BETWEEN operator requires same data type for lower and upper "
                           "bounds; " +
                               bounds);
            return;
        }
        const auto order = compare_ordered(lower.value, upper.value);
        if (order && *order > 0) {
            reader_.record(error_kind::function_operand,
                           "The BETWEEN operator requires upper bound to be greater than or "
                           "equal to lower bound; " +
                               bounds);
        }
    }

    term parse_in(operand value) {
        reader_.next();
        reader_.expect(token_kind::left_paren);
        std::vector<operand> operands;
        operands.push_back(std::move(value));
        operands.push_back(reader_.parse_operand());
        while (reader_.at(token_kind::comma)) {
            reader_.next();
            operands.push_back(reader_.parse_operand());
        }
        reader_.expect(token_kind::right_paren);
        const std::size_t listed = operands.size() - 1;
        if (listed > max_in_operands) {
            reader_.record(error_kind::operand_count,
                           "The IN operator is provided with too many operands; number of "
                           "operands: " +
                               std::to_string(listed));
        }
        return make_condition(condition_node::kind::in, std::move(operands));
    }

    parser& reader_;
};

}  // namespace

detail::condition_node parse_condition_tree(parser& reader) {
    condition_reader conditions(reader);
    term whole = conditions.parse_or();
    if (!reader.at(token_kind::end)) {
        reader.syntax_error(reader.peek());
    }
    detail::condition_node root = conditions.require_condition(std::move(whole), reader.peek());
    reader.raise_recorded({error_kind::redundant_parentheses, error_kind::unknown_function,
                           error_kind::misused_function, error_kind::reserved_word,
                           error_kind::undefined_name, error_kind::undefined_value,
                           error_kind::operand_count, error_kind::distinct_operands,
                           error_kind::function_operand});
    return root;
}

}  // namespace lambdad::dynamodb::expr
