#include "lambda/module_registry.hpp"

#include "modules/builtin_modules.hpp"

#include <algorithm>
#include <array>

namespace lambdad::lambda {
namespace {

struct builtin_module {
    std::string_view name;
    std::unique_ptr<environment> (*factory)(const init_context&);
};

// Sorted by name.
constexpr std::array<builtin_module, 3> builtin_modules = {{
    {"echo", &modules::make_echo_environment},
    {"fixed-response", &modules::make_fixed_response_environment},
    {"users", &modules::make_users_environment},
}};

}  // namespace

environment_factory find_builtin_module(std::string_view name) {
    auto found = std::find_if(builtin_modules.begin(), builtin_modules.end(),
                              [name](const builtin_module& module) { return module.name == name; });
    if (found == builtin_modules.end()) {
        return {};
    }
    return found->factory;
}

std::vector<std::string> builtin_module_names() {
    std::vector<std::string> names;
    for (const auto& module : builtin_modules) {
        names.emplace_back(module.name);
    }
    return names;
}

}  // namespace lambdad::lambda
