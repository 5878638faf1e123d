#include "daemon/cli.hpp"

#include <CLI/CLI.hpp>

#include <thread>

namespace lambdad::daemon {
namespace {

const std::vector<std::string> log_levels = {"trace", "debug",    "info", "warn",
                                             "error", "critical", "off"};

void add_config_and_address(CLI::App& command, std::optional<std::string>& config_path,
                            std::string& host, std::uint16_t& port) {
    command.add_option("--config", config_path,
                       "Configuration file (YAML); the built-in Users service when omitted");
    command.add_option("--host", host, "Address to listen on")->capture_default_str();
    command.add_option("--port", port, "TCP port to listen on; 0 picks a free one")
        ->capture_default_str();
}

void add_serve_options(CLI::App& serve, serve_options& options) {
    add_config_and_address(serve, options.config_path, options.host, options.port);
    serve
        .add_option("--aws-port", options.aws_port,
                    "TCP port of the AWS endpoint (Lambda and DynamoDB APIs); 0 picks a free one")
        ->capture_default_str();
    auto* data_dir = serve
                         .add_option("--data-dir", options.data_dir,
                                     "Directory of the SQLite database, created when missing")
                         ->capture_default_str();
    serve.add_flag("--in-memory", options.in_memory, "Keep all tables in memory; nothing is saved")
        ->excludes(data_dir);
    serve.add_option("--threads", options.threads, "Number of I/O threads")
        ->capture_default_str()
        ->check(CLI::Range(1, 1024));
    serve
        .add_option("--workers", options.workers,
                    "Number of threads that run function code and database calls")
        ->capture_default_str()
        ->check(CLI::Range(1, 4096));
    serve.add_option("--log-level", options.log_level, "Lowest level that is logged")
        ->capture_default_str()
        ->check(CLI::IsMember(log_levels));
    serve
        .add_option("--log-format", options.log_format,
                    "Log line format: text, or json for one JSON object per line")
        ->capture_default_str()
        ->check(CLI::IsMember({"text", "json"}));
    serve.add_option(
        "--ready-file", options.ready_file,
        "File to write the API URL and, on a second line, the AWS endpoint URL to once "
        "connections are accepted");
}

void add_invoke_options(CLI::App& invoke, invoke_options& options) {
    invoke.add_option("function", options.function, "Name or logical id of the function to run")
        ->required();
    invoke.add_option("--config", options.config_path,
                      "Configuration file (YAML); the built-in Users service when omitted");
    invoke.add_option("--event,-e", options.event_path,
                      "File that holds the event (JSON), or - for standard input; {} when omitted");
    auto* data_dir = invoke
                         .add_option("--data-dir", options.data_dir,
                                     "Directory of the SQLite database, created when missing")
                         ->capture_default_str();
    invoke
        .add_flag("--in-memory", options.in_memory, "Keep all tables in memory; nothing is saved")
        ->excludes(data_dir);
    invoke.add_option("--log-level", options.log_level, "Lowest level logged to standard error")
        ->capture_default_str()
        ->check(CLI::IsMember(log_levels));
}

void add_generate_event_options(CLI::App& generate, generate_event_options& options) {
    generate
        .add_option("source", options.source,
                    "apigateway-rest (REST API, payload format 1.0) or apigateway-http (HTTP API, "
                    "payload format 2.0)")
        ->required()
        ->check(CLI::IsMember({"apigateway-rest", "apigateway-http"}));
    generate.add_option("--method", options.method, "HTTP method of the request")
        ->capture_default_str();
    generate.add_option("--path", options.path, "Request path, with an optional query string")
        ->capture_default_str();
    generate.add_option("--body", options.body, "Request body");
    generate.add_option("--header", options.headers,
                        "Request header as 'Name: value'; may be repeated");
    generate.add_option("--config", options.config_path,
                        "Configuration whose API routes the request; without it every request "
                        "goes to one catch-all route");
    generate.add_option("--api", options.api,
                        "Logical id of the API in --config; the first API of the source's type "
                        "when omitted");
}

}  // namespace

command_line parse_command_line(int argc, const char* const* argv, std::ostream& out,
                                std::ostream& err) {
    command_line result;
    result.serve.threads = std::max(1u, std::thread::hardware_concurrency());

    CLI::App app("lambdad: a local emulator of API Gateway, Lambda and DynamoDB", "lambdad");
    app.set_version_flag("--version", std::string("lambdad ") + LAMBDAD_VERSION);
    app.require_subcommand(1);
    auto* serve = app.add_subcommand("serve", "Serve the configured APIs over HTTP");
    add_serve_options(*serve, result.serve);
    auto* routes = app.add_subcommand("routes", "Print the route table and exit");
    add_config_and_address(*routes, result.routes.config_path, result.routes.host,
                           result.routes.port);
    auto* invoke = app.add_subcommand(
        "invoke", "Run one invocation of a function, print its response and exit");
    add_invoke_options(*invoke, result.invoke);
    auto* generate_event = app.add_subcommand(
        "generate-event", "Print the event that the gateway sends a function for one request");
    add_generate_event_options(*generate_event, result.generate_event);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        result.selected = command::exit;
        // Usage errors exit with 2, like most command-line tools; help and version with 0.
        result.exit_code = app.exit(error, out, err) == 0 ? 0 : 2;
        return result;
    }
    if (serve->parsed()) {
        result.selected = command::serve;
    } else if (invoke->parsed()) {
        result.selected = command::invoke;
    } else if (generate_event->parsed()) {
        result.selected = command::generate_event;
    } else {
        result.selected = command::routes;
    }
    return result;
}

}  // namespace lambdad::daemon
