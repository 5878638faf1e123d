#include "storage/database.hpp"
