// A module for the loader's tests: each environment returns its function's name, the greeting
// from option `greeting` and the event it received.

#include "lambdad/module.hpp"

#include <memory>
#include <string>

namespace {

class greeting_environment final : public lambdad::environment {
public:
    explicit greeting_environment(std::string greeting) : greeting_(std::move(greeting)) {}

    std::string invoke(std::string_view event,
                       const lambdad::invocation_context& context) override {
        if (event == "\"fail\"") {
            throw lambdad::function_error("GreetingFailed", "asked to fail");
        }
        return greeting_ + " from " + context.function_name() + ": " + std::string(event);
    }

private:
    std::string greeting_;
};

std::unique_ptr<lambdad::environment> init(const lambdad::init_context& context) {
    auto greeting = context.options().find("greeting");
    if (greeting == context.options().end()) {
        throw lambdad::function_error("MissingGreeting", "option greeting is not set");
    }
    return std::make_unique<greeting_environment>(greeting->second);
}

}  // namespace

LAMBDAD_MODULE(init)
