#include "modules/builtin_modules.hpp"

namespace lambdad::modules {
namespace {

// Returns the same text on every call, valid JSON or not, so that tests can feed the caller
// every kind of malformed function result.
class fixed_response_environment final : public environment {
public:
    fixed_response_environment(std::string response, std::string error_type,
                               std::string error_message)
        : response_(std::move(response)),
          error_type_(std::move(error_type)),
          error_message_(std::move(error_message)) {}

    std::string invoke(std::string_view, const invocation_context&) override {
        if (!error_type_.empty()) {
            throw function_error(error_type_, error_message_);
        }
        return response_;
    }

private:
    std::string response_;
    std::string error_type_;
    std::string error_message_;
};

std::string option_or_empty(const init_context& context, const std::string& name) {
    auto found = context.options().find(name);
    return found == context.options().end() ? std::string() : found->second;
}

}  // namespace

std::unique_ptr<environment> make_fixed_response_environment(const init_context& context) {
    return std::make_unique<fixed_response_environment>(option_or_empty(context, "response"),
                                                        option_or_empty(context, "error_type"),
                                                        option_or_empty(context, "error_message"));
}

}  // namespace lambdad::modules
