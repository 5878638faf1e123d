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

/// Runs one invocation of a function outside the daemon and prints its response to stdout,
/// with the function's log lines on stderr. Returns 0 when the function succeeded, 1 when it
/// reported an error or was throttled, and 2 for an invalid configuration, an unknown function
/// or an event that is not JSON.
int run_invoke(const invoke_options& options);

/// Prints the event the gateway would send a function for one request. Returns 0, 1 when the
/// configured API has no route for the request, and 2 for invalid input.
int run_generate_event(const generate_event_options& options);

}  // namespace lambdad::daemon
