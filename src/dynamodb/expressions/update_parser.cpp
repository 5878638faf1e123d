#include "dynamodb/expressions/parser.hpp"

#include <array>

namespace lambdad::dynamodb::expr {
namespace {

using detail::update_action;

// The names DynamoDB uses for a value's type in ADD and DELETE operand messages.
std::optional<std::string_view> operand_type_name(attribute_value::kind type) {
    switch (type) {
        case attribute_value::kind::S:
            return "STRING";
        case attribute_value::kind::N:
            return "NUMBER";
        case attribute_value::kind::B:
            return "BINARY";
        case attribute_value::kind::NULL_:
            return "NULL";
        case attribute_value::kind::BOOL:
            return "BOOLEAN";
        case attribute_value::kind::L:
            return "LIST";
        case attribute_value::kind::M:
            return "MAP";
        default:
            return std::nullopt;
    }
}

class update_reader {
public:
    explicit update_reader(parser& reader) : reader_(reader) {}

    detail::update_plan parse() {
        while (!reader_.at(token_kind::end)) {
            parse_section();
        }
        reader_.raise_recorded(
            {error_kind::reserved_word, error_kind::unknown_function, error_kind::misused_function,
             error_kind::section_repeated, error_kind::undefined_name, error_kind::undefined_value,
             error_kind::path_overlap, error_kind::path_conflict, error_kind::update_operand_type,
             error_kind::operand_count, error_kind::function_operand});
        return std::move(plan_);
    }

private:
    void parse_section() {
        constexpr std::array<std::pair<std::string_view, update_action::kind>, 4> sections = {{
            {"SET", update_action::kind::set},
            {"REMOVE", update_action::kind::remove},
            {"ADD", update_action::kind::add},
            {"DELETE", update_action::kind::delete_},
        }};
        for (std::size_t i = 0; i < sections.size(); ++i) {
            if (!reader_.at_keyword(sections[i].first)) {
                continue;
            }
            reader_.next();
            if (seen_[i]) {
                reader_.record(error_kind::section_repeated,
                               "The \"" + std::string(sections[i].first) +
                                   "\" section can only be used once in an update expression;");
            }
            seen_[i] = true;
            parse_action(sections[i].second);
            while (reader_.at(token_kind::comma)) {
                reader_.next();
                parse_action(sections[i].second);
            }
            return;
        }
        reader_.syntax_error(reader_.peek());
    }

    void parse_action(update_action::kind kind) {
        update_action action;
        action.type = kind;
        action.path = reader_.parse_path();
        paths_.add(action.path, reader_);
        plan_.paths.push_back(action.path);
        if (kind == update_action::kind::set) {
            reader_.expect(token_kind::equal);
            action.value = parse_set_value();
        } else if (kind != update_action::kind::remove) {
            if (!reader_.at(token_kind::value_placeholder)) {
                reader_.syntax_error(reader_.peek());
            }
            action.value = reader_.parse_operand();
            check_set_operand(kind, action.value);
        }
        plan_.actions.push_back(std::move(action));
    }

    // SET values are operands joined by + and -, optionally in parentheses.
    operand parse_set_value() {
        operand left = parse_set_term();
        while (reader_.at(token_kind::plus) || reader_.at(token_kind::minus)) {
            const bool plus = reader_.next().kind == token_kind::plus;
            reader_.count_operator();
            operand call;
            call.type = operand::kind::function;
            call.function = plus ? function_id::plus : function_id::minus;
            call.arguments.push_back(std::move(left));
            call.arguments.push_back(parse_set_term());
            reader_.check_function(call);
            left = std::move(call);
        }
        return left;
    }

    operand parse_set_term() {
        if (!reader_.at(token_kind::left_paren)) {
            return reader_.parse_operand();
        }
        reader_.next();
        reader_.enter_nesting();
        operand inner = parse_set_value();
        reader_.expect(token_kind::right_paren);
        reader_.leave_nesting();
        return inner;
    }

    // ADD takes a number or a set, DELETE only a set.
    void check_set_operand(update_action::kind kind, const operand& value) {
        const auto type = static_type(value);
        if (!type) {
            return;
        }
        const auto name = operand_type_name(*type);
        const bool add = kind == update_action::kind::add;
        if (name && !(add && *type == attribute_value::kind::N)) {
            reader_.record(error_kind::update_operand_type,
                           "Incorrect operand type for operator or function; operator: " +
                               std::string(add ? "ADD" : "DELETE") +
                               ", operand type: " + std::string(*name));
        }
    }

    parser& reader_;
    detail::update_plan plan_;
    path_registry paths_;
    std::array<bool, 4> seen_{};
};

}  // namespace

detail::update_plan parse_update_plan(parser& reader) {
    return update_reader(reader).parse();
}

}  // namespace lambdad::dynamodb::expr
