#pragma once

#include "daemon/cli.hpp"

namespace lambdad::daemon {

/// Runs lambdad with its command-line arguments; returns the process exit status.
int run_main(int argc, const char* const* argv);

/// Serves until SIGINT or SIGTERM. Returns 0 after a clean shutdown, 2 for an invalid
/// configuration (reported on stderr before anything listens) and 1 for other startup errors.
int run_serve(const serve_options& options);

/// Prints one line per route to stdout. Returns 0, or 2 for an invalid configuration.
int run_routes(const routes_options& options);

}  // namespace lambdad::daemon
