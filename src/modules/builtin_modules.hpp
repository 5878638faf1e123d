#pragma once

#include "lambdad/function.hpp"

#include <memory>

namespace lambdad::modules {

/// The init phase of the `users` module: the Users microservice of AWS's Serverless Patterns
/// workshop (CRUD on /users). Reads the table name from environment variable USERS_TABLE and
/// opens the table. Throws std::invalid_argument when USERS_TABLE is not set, and table_error
/// when the table does not exist.
std::unique_ptr<environment> make_users_environment(const init_context& context);

/// The init phase of the `echo` module, which returns status 200 with the event as the body.
std::unique_ptr<environment> make_echo_environment(const init_context& context);

/// The init phase of the `fixed-response` module, which returns option `response` verbatim,
/// or throws function_error(option `error_type`, option `error_message`) when `error_type`
/// is set.
std::unique_ptr<environment> make_fixed_response_environment(const init_context& context);

/// The init phase of the `lifecycle-probe` test module. Its handler returns a JSON object with
/// the environment's id, the environment's and the function's invocation counts, the remaining
/// time and the event. Options: `init_failures` (the function's first N inits throw),
/// `init_sleep_ms` and `sleep_ms` (sleep in the init phase or in each invocation).
std::unique_ptr<environment> make_lifecycle_probe_environment(const init_context& context);

/// The init phase of the `hang` test module, whose handler never returns.
std::unique_ptr<environment> make_hang_environment(const init_context& context);

}  // namespace lambdad::modules
