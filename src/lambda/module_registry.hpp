#pragma once

#include "lambdad/function.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace lambdad::lambda {

/// Returns the factory of the built-in module `name`, or an empty function when there is none.
environment_factory find_builtin_module(std::string_view name);

/// Whether the built-in module `name` finishes every invocation in bounded time, waiting on
/// nothing but the daemon's SQLite store. The daemon runs such a module on the I/O thread that
/// received the request, which saves two thread switches per request. Every other module runs
/// on environment threads of its own, where a slow or stuck handler cannot hold up other
/// connections.
bool builtin_module_runs_inline(std::string_view name);

/// The names of all built-in modules, sorted.
std::vector<std::string> builtin_module_names();

}  // namespace lambdad::lambda
