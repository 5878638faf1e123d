#include "apigw/gateway.hpp"
