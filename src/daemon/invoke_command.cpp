#include "common/ids.hpp"
#include "daemon/app_setup.hpp"
#include "daemon/commands.hpp"
#include "daemon/logging.hpp"
#include "storage/database.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/json/parse.hpp>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <future>
#include <iostream>
#include <iterator>
#include <sstream>

namespace lambdad::daemon {
namespace {

/// Threads of the executor that the function pool uses for blocking work of its own, such as
/// completing a throttled invocation.
constexpr std::size_t invoke_workers = 1;

/// Input that stops `lambdad invoke` before the function runs; `what()` is the message.
class invoke_input_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

std::string read_event(const std::optional<std::string>& path) {
    if (!path) {
        // Without --event the function gets an empty JSON object.
        return "{}";
    }
    std::ostringstream text;
    if (*path == "-") {
        text << std::cin.rdbuf();
        return text.str();
    }
    std::ifstream file(*path, std::ios::binary);
    if (!file) {
        throw invoke_input_error("cannot open event file " + *path + ": " + std::strerror(errno));
    }
    text << file.rdbuf();
    return text.str();
}

/// Rejects an event that is not JSON, as Lambda's Invoke does with
/// InvalidRequestContentException.
void check_event_json(const std::string& event, const std::optional<std::string>& path) {
    boost::system::error_code error;
    boost::json::parse(event, error);
    if (error) {
        std::string source = "{}";
        if (path) {
            source = *path == "-" ? "standard input" : *path;
        }
        throw invoke_input_error("the event in " + source +
                                 " is not valid JSON: " + error.message());
    }
}

const config::function_config& find_function(const config::daemon_config& config,
                                             const std::string& name) {
    for (const auto& function : config.functions) {
        if (function.name == name || function.logical_id == name) {
            return function;
        }
    }
    std::string known;
    for (const auto& function : config.functions) {
        known += (known.empty() ? "" : ", ") + function.name;
    }
    throw invoke_input_error("function " + name + " not found in " + config.source +
                             "; functions: " + (known.empty() ? "none" : known));
}

lambda::invocation_result invoke_once(lambda::function_pool& function, std::string event) {
    std::promise<lambda::invocation_result> finished;
    std::future<lambda::invocation_result> result = finished.get_future();
    function.invoke(
        lambda::invocation_request{random_uuid(), std::move(event)},
        [&finished](lambda::invocation_result outcome) { finished.set_value(std::move(outcome)); });
    return result.get();
}

int run_function(const config::daemon_config& config, const invoke_options& options,
                 std::string event) {
    const config::function_config& selected = find_function(config, options.function);
    storage::database database(storage::database_options{options.data_dir, options.in_memory});
    for (const auto& table : config.tables) {
        database.ensure_table(table.name, table.key);
    }
    // The same function pool as `lambdad serve` runs the function.
    boost::asio::thread_pool workers(invoke_workers);
    auto executor = [&workers](std::function<void()> work) {
        boost::asio::post(workers, std::move(work));
    };
    apigw::function_map functions = build_functions(config, database, executor);
    lambda::invocation_result result =
        invoke_once(*functions.at(selected.logical_id), std::move(event));
    if (result.status == lambda::invocation_status::throttled) {
        // Lambda's Invoke returns 429 TooManyRequestsException with one of these reasons.
        const char* reason = result.throttle == lambda::throttle_reason::account
                                 ? "ConcurrentInvocationLimitExceeded"
                                 : "ReservedFunctionConcurrentInvocationLimitExceeded";
        std::cerr << "invocation of " << selected.name
                  << " throttled: TooManyRequestsException, reason " << reason << std::endl;
        return 1;
    }
    std::cout << result.payload << std::endl;
    // The function's log lines on stderr already carry the error.
    return result.status == lambda::invocation_status::success ? 0 : 1;
}

}  // namespace

int run_invoke(const invoke_options& options) {
    config::daemon_config config;
    std::string event;
    try {
        config = load_config(options.config_path);
        event = read_event(options.event_path);
        check_event_json(event, options.event_path);
    } catch (const std::runtime_error& error) {
        std::cerr << error.what() << std::endl;
        return 2;
    }
    setup_logging(options.log_level, "text");
    try {
        return run_function(config, options, std::move(event));
    } catch (const config::config_error& error) {
        std::cerr << error.what() << std::endl;
        return 2;
    } catch (const invoke_input_error& error) {
        std::cerr << error.what() << std::endl;
        return 2;
    } catch (const std::exception& error) {
        spdlog::get("lambdad")->critical("Invoke failed. function={} error={}", options.function,
                                         error.what());
        return 1;
    }
}

}  // namespace lambdad::daemon
