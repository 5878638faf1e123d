#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

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

/// The command a command line selected.
enum class command { serve, routes, exit };

/// A parsed command line.
struct command_line {
    command selected = command::exit;
    serve_options serve;
    routes_options routes;
    /// The exit status when `selected` is `exit` (after --help, --version or a usage error).
    int exit_code = 0;
};

/// Parses `lambdad`'s arguments with CLI11. Help and version text go to `out`, usage errors
/// to `err`; both end in `command::exit`.
command_line parse_command_line(int argc, const char* const* argv, std::ostream& out,
                                std::ostream& err);

}  // namespace lambdad::daemon
