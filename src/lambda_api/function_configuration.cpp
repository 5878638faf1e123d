#include "lambda_api/function_configuration.hpp"

#include "common/aws_account.hpp"

#include <boost/json/array.hpp>

#include <chrono>
#include <ctime>

namespace lambdad::lambda_api {
namespace {

// Functions here are native modules that run in the daemon, so the fields about code packages
// describe what is closest: an OS-only runtime and an empty code package.
constexpr const char* runtime_name = "provided.al2023";

boost::json::object environment_of(const config::function_config& config) {
    boost::json::object variables;
    for (const auto& [name, value] : config.environment) {
        variables[name] = value;
    }
    return boost::json::object{{"Variables", std::move(variables)}};
}

}  // namespace

std::string lambda_timestamp_now() {
    auto now = std::chrono::system_clock::now();
    auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() %
        1000;
    std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[40];
    std::size_t length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
    std::snprintf(text + length, sizeof text - length, ".%03lld+0000",
                  static_cast<long long>(millis));
    return text;
}

// The fields follow the FunctionConfiguration shape of the Lambda API reference.
boost::json::object function_configuration(const lambda::function_pool& pool,
                                           const std::string& last_modified) {
    const config::function_config& config = pool.config();
    boost::json::object result;
    result["FunctionName"] = config.name;
    result["FunctionArn"] = pool.arn();
    result["Runtime"] = runtime_name;
    result["Role"] = "arn:aws:iam::" + std::string(account_id) + ":role/lambdad-function";
    result["Handler"] = config.library.empty() ? config.module : config.library;
    result["CodeSize"] = 0;
    result["Description"] = "";
    result["Timeout"] = std::chrono::duration_cast<std::chrono::seconds>(config.timeout).count();
    result["MemorySize"] = config.memory_size_mb;
    result["LastModified"] = last_modified;
    result["CodeSha256"] = "";
    result["Version"] = "$LATEST";
    if (!config.environment.empty()) {
        result["Environment"] = environment_of(config);
    }
    result["TracingConfig"] = boost::json::object{{"Mode", "PassThrough"}};
    result["State"] = "Active";
    result["LastUpdateStatus"] = "Successful";
    result["PackageType"] = "Zip";
    result["Architectures"] = boost::json::array{"x86_64"};
    result["EphemeralStorage"] = boost::json::object{{"Size", 512}};
    result["LoggingConfig"] =
        boost::json::object{{"LogFormat", "Text"}, {"LogGroup", "/aws/lambda/" + config.name}};
    return result;
}

boost::json::object get_function_response(const lambda::function_pool& pool,
                                          const std::string& last_modified) {
    boost::json::object result;
    result["Configuration"] = function_configuration(pool, last_modified);
    result["Code"] = boost::json::object{{"RepositoryType", "S3"}, {"Location", ""}};
    if (auto reserved = pool.reserved_concurrency()) {
        result["Concurrency"] = boost::json::object{{"ReservedConcurrentExecutions", *reserved}};
    }
    return result;
}

}  // namespace lambdad::lambda_api
