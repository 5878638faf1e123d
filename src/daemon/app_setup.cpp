#include "daemon/app_setup.hpp"

#include "lambda/module_registry.hpp"

namespace lambdad::daemon {

config::daemon_config load_config(const std::optional<std::string>& path) {
    if (path) {
        return config::load_file(*path);
    }
    return config::load_text(config::default_config_text(), "<embedded default>");
}

apigw::function_map build_functions(const config::daemon_config& config, table_provider& tables,
                                    lambda::blocking_executor executor) {
    apigw::function_map functions;
    for (const auto& function : config.functions) {
        environment_factory factory = lambda::find_builtin_module(function.module);
        if (!factory) {
            std::string known;
            for (const auto& name : lambda::builtin_module_names()) {
                known += known.empty() ? name : ", " + name;
            }
            std::string where =
                function.module_location.empty()
                    ? config.source + ": functions." + function.logical_id + ".module"
                    : function.module_location;
            throw config::config_error(where + ": unknown module " + function.module +
                                       "; built-in modules: " + known);
        }
        lambda::blocking_executor function_executor = executor;
        if (lambda::builtin_module_runs_inline(function.module)) {
            function_executor = [](std::function<void()> work) { work(); };
        }
        functions.emplace(function.logical_id,
                          std::make_shared<lambda::function_pool>(
                              function, std::move(factory), tables, std::move(function_executor)));
    }
    return functions;
}

}  // namespace lambdad::daemon
