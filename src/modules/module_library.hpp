#pragma once

#include "lambdad/function.hpp"

#include <stdexcept>
#include <string>

namespace lambdad::modules {

/// A module library that could not be loaded: `what()` names the file, the symbol when one is
/// involved, and the reason.
class module_load_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Loads the function module in the shared library at `path` (see lambdad/module.hpp) and
/// returns a factory that runs the module's init phase.
///
/// The library is opened with dlopen (RTLD_NOW, RTLD_LOCAL), so every undefined symbol is
/// resolved now and the module's symbols stay private to it. Its entry point must report
/// LAMBDAD_MODULE_ABI_VERSION and the standard library lambdad was built with. Throws
/// module_load_error when the file cannot be loaded, the entry point is missing, or the
/// versions differ. The library stays loaded while the factory or any environment it created
/// exists. Thread-safe.
environment_factory load_module_library(const std::string& path);

}  // namespace lambdad::modules
