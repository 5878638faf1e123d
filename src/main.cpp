#include "daemon/commands.hpp"

int main(int argc, char** argv) {
    return lambdad::daemon::run_main(argc, argv);
}
