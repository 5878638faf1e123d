#include "lambda/error_payload.hpp"

#include "lambdad/function.hpp"

#include <boost/json.hpp>

#include <cstdlib>
#include <cxxabi.h>
#include <memory>
#include <typeinfo>

namespace lambdad::lambda {
namespace {

std::string demangle(const std::type_info& type) {
    int status = 0;
    std::unique_ptr<char, decltype(&std::free)> name(
        abi::__cxa_demangle(type.name(), nullptr, nullptr, &status), &std::free);
    return status == 0 && name ? std::string(name.get()) : std::string(type.name());
}

// The type of the exception in flight, which also covers exceptions that are not derived from
// std::exception (for example a thrown int).
std::string current_exception_type_name() {
    const std::type_info* type = abi::__cxa_current_exception_type();
    return type ? demangle(*type) : std::string("unknown");
}

}  // namespace

function_failure describe_current_exception() {
    try {
        throw;
    } catch (const function_error& error) {
        return {error.type(), error.what()};
    } catch (const std::exception& error) {
        return {demangle(typeid(error)), error.what()};
    } catch (...) {
        std::string type = current_exception_type_name();
        return {type, "Exception of type " + type + " thrown"};
    }
}

std::string error_payload(const function_failure& failure) {
    boost::json::object payload;
    payload["errorMessage"] = failure.message;
    payload["errorType"] = failure.type;
    payload["stackTrace"] = boost::json::array();
    return boost::json::serialize(payload);
}

}  // namespace lambdad::lambda
