#pragma once

#include "lambdad/function.hpp"

#include <cstdint>
#include <memory>

// The entry point of a function module: a shared library that lambdad loads with dlopen when a
// function's configuration names it with `library:`. A module defines its init phase, a function
// `std::unique_ptr<lambdad::environment> init(const lambdad::init_context&)`, and exports it
// with LAMBDAD_MODULE(init) in one of its source files.

/// The version of the binary interface between lambdad and its modules: the layout of
/// lambdad::module_descriptor and of every class in include/lambdad/. lambdad loads only modules
/// built for the same version, so a module must be rebuilt against the new headers when it
/// changes.
#define LAMBDAD_MODULE_ABI_VERSION 2

/// The name of the C function that a module exports and lambdad looks up with dlsym.
#define LAMBDAD_MODULE_ENTRY_POINT "lambdad_module_entry_point"

/// The C++ standard library a translation unit is built with. Modules and lambdad exchange
/// std::string, std::map and std::shared_ptr objects, so both must use the same library and,
/// with libstdc++, the same std::string ABI (_GLIBCXX_USE_CXX11_ABI).
#if defined(_LIBCPP_VERSION)
#define LAMBDAD_STANDARD_LIBRARY "libc++"
#elif defined(_GLIBCXX_USE_CXX11_ABI) && _GLIBCXX_USE_CXX11_ABI
#define LAMBDAD_STANDARD_LIBRARY "libstdc++ (C++11 ABI)"
#elif defined(__GLIBCXX__)
#define LAMBDAD_STANDARD_LIBRARY "libstdc++ (pre-C++11 ABI)"
#else
#define LAMBDAD_STANDARD_LIBRARY "unknown"
#endif

namespace lambdad {

/// The description of a module that its entry point returns to lambdad.
///
/// `abi_version` stays the first member in every ABI version, so that lambdad can read it and
/// reject a module built for another version before it touches any other member.
struct module_descriptor {
    /// LAMBDAD_MODULE_ABI_VERSION as the module saw it when it was compiled.
    std::uint32_t abi_version;
    /// LAMBDAD_STANDARD_LIBRARY as the module saw it when it was compiled.
    const char* standard_library;
    /// The init phase of one execution environment. It returns a new environment that the
    /// caller owns and deletes, or throws to report an init error (see environment_factory).
    environment* (*create_environment)(const init_context& context);
};

}  // namespace lambdad

/// The signature of the entry point: a C function without arguments that returns the module's
/// descriptor, which must stay valid while the library is loaded. It must not throw.
extern "C" {
typedef const lambdad::module_descriptor* lambdad_module_entry_point_function(void);
}

/// Defines the module's entry point, which hands `init` to lambdad. `init` is a function or a
/// captureless lambda taking `const lambdad::init_context&` and returning
/// `std::unique_ptr<lambdad::environment>`. Use it once per module, at global namespace scope.
#define LAMBDAD_MODULE(init)                                                                 \
    extern "C" __attribute__((visibility("default"))) const ::lambdad::module_descriptor*    \
    lambdad_module_entry_point(void) {                                                       \
        static const ::lambdad::module_descriptor descriptor{                                \
            LAMBDAD_MODULE_ABI_VERSION, LAMBDAD_STANDARD_LIBRARY,                            \
            [](const ::lambdad::init_context& context) -> ::lambdad::environment* {          \
                return ::std::unique_ptr<::lambdad::environment>((init)(context)).release(); \
            }};                                                                              \
        return &descriptor;                                                                  \
    }
