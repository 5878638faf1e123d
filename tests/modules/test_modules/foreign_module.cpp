// A module whose entry point reports the values of TEST_ABI_VERSION and TEST_STANDARD_LIBRARY,
// to test that lambdad rejects a module built for another ABI version or standard library.

#include "lambdad/module.hpp"

namespace {

lambdad::environment* create_environment(const lambdad::init_context&) {
    return nullptr;
}

const lambdad::module_descriptor descriptor{TEST_ABI_VERSION, TEST_STANDARD_LIBRARY,
                                            &create_environment};

}  // namespace

extern "C" __attribute__((visibility("default"))) const lambdad::module_descriptor*
lambdad_module_entry_point(void) {
    return &descriptor;
}
