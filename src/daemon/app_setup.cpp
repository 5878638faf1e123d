#include "daemon/app_setup.hpp"

#include "lambda/account.hpp"
#include "lambda/module_registry.hpp"
#include "modules/module_library.hpp"

namespace lambdad::daemon {

config::daemon_config load_config(const std::optional<std::string>& path) {
    if (path) {
        return config::load_file(*path);
    }
    return config::load_text(config::default_config_text(), "<embedded default>");
}

namespace {

/// The factory of `function`'s module: loaded from its library, or a built-in one.
environment_factory find_factory(const config::daemon_config& config,
                                 const config::function_config& function) {
    std::string where = function.module_location.empty()
                            ? config.source + ": functions." + function.logical_id + ".module"
                            : function.module_location;
    if (!function.library.empty()) {
        try {
            return modules::load_module_library(function.library);
        } catch (const modules::module_load_error& error) {
            throw config::config_error(where + ": " + error.what());
        }
    }
    environment_factory factory = lambda::find_builtin_module(function.module);
    if (!factory) {
        std::string known;
        for (const auto& name : lambda::builtin_module_names()) {
            known += known.empty() ? name : ", " + name;
        }
        throw config::config_error(where + ": unknown module " + function.module +
                                   "; built-in modules: " + known);
    }
    return factory;
}

}  // namespace

apigw::function_map build_functions(const config::daemon_config& config, table_provider& tables,
                                    lambda::blocking_executor executor) {
    apigw::function_map functions;
    auto account = std::make_shared<lambda::account>(config.account_concurrency_limit);
    for (const auto& function : config.functions) {
        // Built-in modules that finish in bounded time run on the thread that invokes them,
        // which saves two thread switches per request; see builtin_module_runs_inline().
        bool runs_inline =
            function.library.empty() && lambda::builtin_module_runs_inline(function.module);
        lambda::environment_threads threads =
            runs_inline ? lambda::environment_threads::caller : lambda::environment_threads::own;
        functions.emplace(function.logical_id, std::make_shared<lambda::function_pool>(
                                                   function, find_factory(config, function), tables,
                                                   executor, account, threads));
    }
    return functions;
}

}  // namespace lambdad::daemon
