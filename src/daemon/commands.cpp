#include "daemon/commands.hpp"

#include "apigw/gateway.hpp"
#include "daemon/app_setup.hpp"

#include <iostream>

namespace lambdad::daemon {
namespace {

/// Stands in for the database when routes are only listed; no function runs then.
class no_tables : public table_provider {
public:
    std::shared_ptr<table> open_table(std::string_view name) override {
        throw table_error("ResourceNotFoundException", "Requested resource not found: Table: " +
                                                           std::string(name) + " not found");
    }
};

}  // namespace

int run_routes(const routes_options& options) {
    try {
        config::daemon_config config = load_config(options.config_path);
        no_tables tables;
        auto never_run = [](std::function<void()>) {};
        apigw::gateway gateway(config.apis, build_functions(config, tables, never_run));
        std::string base_url = "http://" + options.host + ":" + std::to_string(options.port);
        for (const auto& line : gateway.describe_routes(base_url)) {
            std::cout << line << '\n';
        }
        std::cout.flush();
        return 0;
    } catch (const config::config_error& error) {
        std::cerr << error.what() << std::endl;
        return 2;
    }
}

int run_main(int argc, const char* const* argv) {
    command_line parsed = parse_command_line(argc, argv, std::cout, std::cerr);
    switch (parsed.selected) {
        case command::serve:
            return run_serve(parsed.serve);
        case command::routes:
            return run_routes(parsed.routes);
        case command::invoke:
            return run_invoke(parsed.invoke);
        case command::generate_event:
            return run_generate_event(parsed.generate_event);
        case command::exit:
            break;
    }
    return parsed.exit_code;
}

}  // namespace lambdad::daemon
