#include "lambda/module_registry.hpp"

#include "modules/builtin_modules.hpp"

#include <algorithm>
#include <array>

namespace lambdad::lambda {
namespace {

struct builtin_module {
    std::string_view name;
    std::unique_ptr<environment> (*factory)(const init_context&);
    // See builtin_module_runs_inline().
    bool runs_inline;
};

// Sorted by name.
constexpr std::array<builtin_module, 5> builtin_modules = {{
    {"echo", &modules::make_echo_environment, true},
    {"fixed-response", &modules::make_fixed_response_environment, true},
    {"hang", &modules::make_hang_environment, false},
    {"lifecycle-probe", &modules::make_lifecycle_probe_environment, false},
    {"users", &modules::make_users_environment, true},
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

bool builtin_module_runs_inline(std::string_view name) {
    auto found = std::find_if(builtin_modules.begin(), builtin_modules.end(),
                              [name](const builtin_module& module) { return module.name == name; });
    return found != builtin_modules.end() && found->runs_inline;
}

std::vector<std::string> builtin_module_names() {
    std::vector<std::string> names;
    for (const auto& module : builtin_modules) {
        names.emplace_back(module.name);
    }
    return names;
}

}  // namespace lambdad::lambda
