#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace lambdad::daemon {

/// Settings of `lambdad serve`.
struct serve_options {
    /// The configuration file; the embedded default when unset.
    std::optional<std::string> config_path;
    std::string host = "127.0.0.1";
    /// The port to listen on; 0 picks a free one.
    std::uint16_t port = 3000;
    /// The port of the AWS endpoint (Lambda and DynamoDB APIs); 0 picks a free one. 3001 is the
    /// port of `sam local start-lambda`, so scripts written for it work unchanged.
    std::uint16_t aws_port = 3001;
    /// The directory of the SQLite database.
    std::string data_dir = ".lambdad";
    /// Keep the database in memory instead of `data_dir`.
    bool in_memory = false;
    /// I/O threads.
    std::size_t threads = 1;
    /// Threads that run function code and SQLite calls, which block.
    std::size_t workers = 64;
    /// One of trace, debug, info, warn, error, critical, off.
    std::string log_level = "info";
    /// "text" or "json".
    std::string log_format = "text";
    /// A file that receives the API URL, then the AWS endpoint URL on a second line, once both
    /// servers accept connections.
    std::optional<std::string> ready_file;
};

/// Settings of `lambdad routes`.
struct routes_options {
    std::optional<std::string> config_path;
    std::string host = "127.0.0.1";
    std::uint16_t port = 3000;
};

/// Settings of `lambdad invoke`.
struct invoke_options {
    std::optional<std::string> config_path;
    /// The function's name or logical id.
    std::string function;
    /// The file that holds the event, or "-" for standard input; the event is `{}` when unset.
    std::optional<std::string> event_path;
    /// The directory of the SQLite database, the same one `lambdad serve` uses.
    std::string data_dir = ".lambdad";
    bool in_memory = false;
    /// One of trace, debug, info, warn, error, critical, off.
    std::string log_level = "info";
};

/// Settings of `lambdad generate-event`.
struct generate_event_options {
    /// "apigateway-rest" (payload format 1.0) or "apigateway-http" (payload format 2.0).
    std::string source;
    std::string method = "GET";
    /// The request target: a path with an optional query string, such as `/users?limit=5`.
    std::string path = "/";
    std::optional<std::string> body;
    /// Request header fields as `Name: value`, in order.
    std::vector<std::string> headers;
    /// A configuration whose API and route shape the event; without one the event comes from
    /// an API that sends every request to one function.
    std::optional<std::string> config_path;
    /// The logical id of the API in `config_path` to use; the first API of the right type when
    /// unset.
    std::optional<std::string> api;
};

/// The command a command line selected.
enum class command { serve, routes, invoke, generate_event, exit };

/// A parsed command line.
struct command_line {
    command selected = command::exit;
    serve_options serve;
    routes_options routes;
    invoke_options invoke;
    generate_event_options generate_event;
    /// The exit status when `selected` is `exit` (after --help, --version or a usage error).
    int exit_code = 0;
};

/// Parses `lambdad`'s arguments with CLI11. Help and version text go to `out`, usage errors
/// to `err`; both end in `command::exit`.
command_line parse_command_line(int argc, const char* const* argv, std::ostream& out,
                                std::ostream& err);

}  // namespace lambdad::daemon
