// A shared library without lambdad's entry point, to test that lambdad rejects it.

extern "C" __attribute__((visibility("default"))) int lambdad_unrelated_function(void) {
    return 1;
}
