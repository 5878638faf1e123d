#include "lambda/module_registry.hpp"
