// libFuzzer target for the DynamoDB expression engine: parses the input as one kind of
// expression, then evaluates, applies or projects what parsed against a fixed item. Any
// exception other than validation_error is a bug, and so is any sanitizer report.

#include "dynamodb/expressions/expressions.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {

using namespace lambdad;
using namespace lambdad::dynamodb::expr;

item sample_item() {
    return {
        {"id", attribute_value::string("key")},
        {"n", attribute_value::number("12.5")},
        {"s", attribute_value::string("hello")},
        {"b", attribute_value::binary(std::string("\x00\xff", 2))},
        {"l", attribute_value::list({attribute_value::number("1"), attribute_value::string("x")})},
        {"m",
         attribute_value::map({{"a", attribute_value::map({{"b", attribute_value::null()}})}})},
        {"ss", attribute_value::string_set({"x", "y"})},
        {"ns", attribute_value::number_set({"1", "2"})},
        {"t", attribute_value::boolean(true)},
    };
}

attribute_context make_context() {
    attribute_context::name_map names = {{"#a", "a"}, {"#n", "n"}, {"#name", "name"}};
    item values = {
        {":s", attribute_value::string("x")},
        {":n", attribute_value::number("1")},
        {":big", attribute_value::number("9.9999999999999999999999999999999999999E125")},
        {":l", attribute_value::list({attribute_value::string("z")})},
        {":ss", attribute_value::string_set({"x"})},
        {":ns", attribute_value::number_set({"3"})},
        {":t", attribute_value::string("S")},
        {":m", attribute_value::map({})},
    };
    return attribute_context(std::move(names), std::move(values));
}

void exercise(std::uint8_t selector, std::string_view text) {
    static const item subject = sample_item();
    attribute_context context = make_context();
    switch (selector % 5) {
        case 0:
            parse_condition(text, expression_kind::condition, context).matches(subject);
            break;
        case 1:
            parse_update(text, context).apply(subject);
            break;
        case 2:
            parse_projection(text, context).apply(subject);
            break;
        case 3: {
            const key_schema schema{{"id", attribute_value::kind::S},
                                    key_attribute{"n", attribute_value::kind::N}};
            parse_key_condition(text, schema, context).matches(subject, schema);
            break;
        }
        default:
            parse_condition(text, expression_kind::filter, context).matches(item{});
            break;
    }
    context.check_all_used();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    try {
        exercise(data[0], text);
    } catch (const validation_error&) {
        // Rejected input is the expected outcome for most fuzz inputs.
    }
    return 0;
}
