#pragma once

#include "lambda/function_pool.hpp"

#include <boost/json/object.hpp>

#include <string>

namespace lambdad::lambda_api {

/// Lambda's FunctionConfiguration object for `pool`, as ListFunctions and GetFunction return
/// it. `last_modified` is the daemon's start time in Lambda's format.
boost::json::object function_configuration(const lambda::function_pool& pool,
                                           const std::string& last_modified);

/// Lambda's GetFunction response: Configuration, Code and, when the function reserves
/// concurrency, Concurrency.
boost::json::object get_function_response(const lambda::function_pool& pool,
                                          const std::string& last_modified);

/// The current time in Lambda's LastModified format, `2026-12-04T15:45:57.874+0000`.
std::string lambda_timestamp_now();

}  // namespace lambdad::lambda_api
