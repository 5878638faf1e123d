#include "common/ids.hpp"
