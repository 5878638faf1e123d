#pragma once

#include "lambda_api/api_error.hpp"
#include "lambda_api/async_invoker.hpp"
#include "lambda_api/function_name.hpp"
#include "lambda_api/service.hpp"

#include <boost/url/url_view.hpp>

#include <memory>
#include <string>

// The private parts of lambda_api::service, shared by service.cpp (routing and function
// management) and invoke_operation.cpp (Invoke).

namespace lambdad::lambda_api {

/// A function found by a FunctionName path parameter, with the qualifier it was asked for.
struct resolved_function {
    std::shared_ptr<lambda::function_pool> pool;
    /// "$LATEST" or an alias of the function; empty when the request named none.
    std::string qualifier;
};

class service::impl {
public:
    explicit impl(const function_map& functions);

    void route(http::request& request, const boost::urls::url_view& url,
               const std::string& request_id, http::responder& respond) const;

    /// Finds the function that `function_name` (a URL-decoded path parameter) names, checking
    /// the qualifier from the name and from the `Qualifier` query parameter. Throws api_error.
    resolved_function resolve(const std::string& function_name,
                              const boost::urls::url_view& url) const;

    void invoke(http::request& request, const boost::urls::url_view& url,
                const std::string& function_name, const std::string& request_id,
                http::responder& respond) const;

private:
    http::response list_functions(const boost::urls::url_view& url,
                                  const std::string& request_id) const;
    http::response get_function(const std::string& function_name, const boost::urls::url_view& url,
                                const std::string& request_id) const;
    http::response put_concurrency(const http::request& request, const std::string& function_name,
                                   const boost::urls::url_view& url,
                                   const std::string& request_id) const;
    http::response delete_concurrency(const std::string& function_name,
                                      const boost::urls::url_view& url,
                                      const std::string& request_id) const;
    http::response get_concurrency(const std::string& function_name,
                                   const boost::urls::url_view& url,
                                   const std::string& request_id) const;

    /// Functions by Lambda function name, in name order for ListFunctions.
    std::map<std::string, std::shared_ptr<lambda::function_pool>> by_name_;
    std::string last_modified_;
    // Submitting an event changes only the invoker's own guarded state.
    mutable async_invoker async_;
};

}  // namespace lambdad::lambda_api
