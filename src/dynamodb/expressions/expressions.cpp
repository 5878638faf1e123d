#include "dynamodb/expressions/expressions.hpp"

#include "dynamodb/expressions/evaluate.hpp"
#include "dynamodb/expressions/parser.hpp"
#include "dynamodb/expressions/update_apply.hpp"

#include <algorithm>

namespace lambdad::dynamodb::expr {
namespace {

void add_name(std::vector<std::string>& names, const document_path& path) {
    const std::string& top = std::get<std::string>(path.front());
    if (std::find(names.begin(), names.end(), top) == names.end()) {
        names.push_back(top);
    }
}

void collect_operand_names(const operand& value, std::vector<std::string>& names) {
    if (value.type == operand::kind::path) {
        add_name(names, value.path);
    }
    for (const auto& argument : value.arguments) {
        collect_operand_names(argument, names);
    }
}

void collect_condition_names(const detail::condition_node& node, std::vector<std::string>& names) {
    for (const auto& value : node.operands) {
        collect_operand_names(value, names);
    }
    for (const auto& child : node.children) {
        collect_condition_names(child, names);
    }
}

}  // namespace

condition::condition(std::shared_ptr<const detail::condition_node> root) : root_(std::move(root)) {}

bool condition::matches(const item& subject) const {
    return evaluate_condition(*root_, subject);
}

std::vector<std::string> condition::attribute_names() const {
    std::vector<std::string> names;
    collect_condition_names(*root_, names);
    return names;
}

condition parse_condition(std::string_view text, expression_kind kind, attribute_context& context) {
    parser reader(text, kind, context);
    return condition(std::make_shared<const detail::condition_node>(parse_condition_tree(reader)));
}

update::update(std::shared_ptr<const detail::update_plan> plan) : plan_(std::move(plan)) {}

item update::apply(const item& original) const {
    return apply_update_plan(*plan_, original);
}

const std::vector<document_path>& update::updated_paths() const {
    return plan_->paths;
}

update parse_update(std::string_view text, attribute_context& context) {
    parser reader(text, expression_kind::update, context);
    return update(std::make_shared<const detail::update_plan>(parse_update_plan(reader)));
}

projection parse_projection(std::string_view text, attribute_context& context) {
    parser reader(text, expression_kind::projection, context);
    std::vector<document_path> paths;
    path_registry registry;
    while (true) {
        paths.push_back(reader.parse_path());
        registry.add(paths.back(), reader);
        if (!reader.at(token_kind::comma)) {
            break;
        }
        reader.next();
    }
    if (!reader.at(token_kind::end)) {
        reader.syntax_error(reader.peek());
    }
    reader.raise_recorded({error_kind::reserved_word, error_kind::undefined_name,
                           error_kind::path_overlap, error_kind::path_conflict});
    return projection(std::move(paths));
}

std::vector<std::string> projection::attribute_names() const {
    std::vector<std::string> names;
    for (const auto& path : paths_) {
        add_name(names, path);
    }
    return names;
}

}  // namespace lambdad::dynamodb::expr
