#include "lambda/function_pool.hpp"
