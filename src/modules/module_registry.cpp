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
constexpr std::array<builtin_module, 3> builtin_modules = {{
    {"echo", &modules::make_echo_environment, true},
    {"fixed-response", &modules::make_fixed_response_environment, true},
    {"users", &modules::make_users_environment, true},
}};

const builtin_module* find_module(std::string_view name) {
    auto found = std::find_if(builtin_modules.begin(), builtin_modules.end(),
                              [name](const builtin_module& module) { return module.name == name; });
    return found == builtin_modules.end() ? nullptr : &*found;
}

}  // namespace

environment_factory find_builtin_module(std::string_view name) {
    const builtin_module* module = find_module(name);
    if (module == nullptr) {
        return {};
    }
    return module->factory;
}

bool builtin_module_runs_inline(std::string_view name) {
    const builtin_module* module = find_module(name);
    return module != nullptr && module->runs_inline;
}

std::vector<std::string> builtin_module_names() {
    std::vector<std::string> names;
    for (const auto& module : builtin_modules) {
        names.emplace_back(module.name);
    }
    return names;
}

}  // namespace lambdad::lambda
