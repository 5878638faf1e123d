#pragma once

#include "lambdad/function.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace lambdad::lambda {

/// Returns the factory of the built-in module `name`, or an empty function when there is none.
environment_factory find_builtin_module(std::string_view name);

/// The names of all built-in modules, sorted.
std::vector<std::string> builtin_module_names();

}  // namespace lambdad::lambda
