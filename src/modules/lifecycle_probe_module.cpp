#include "modules/builtin_modules.hpp"

#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>

// Modules that exercise the execution environment lifecycle in tests: `lifecycle-probe` counts
// environments and invocations, sleeps and fails on request; `hang` never returns.

namespace lambdad::modules {
namespace {

/// Counts kept per function name across all of its environments, for the whole process.
struct function_counters {
    std::uint64_t inits = 0;
    std::uint64_t invocations = 0;
};

std::mutex counters_mutex;
std::map<std::string, function_counters> counters;  // guarded by `counters_mutex`
std::atomic<std::uint64_t> next_environment_id{1};

std::int64_t integer_option(const init_context& context, const std::string& name,
                            std::int64_t max) {
    auto found = context.options().find(name);
    if (found == context.options().end()) {
        return 0;
    }
    std::size_t parsed = 0;
    long long value = std::stoll(found->second, &parsed);
    if (parsed != found->second.size() || value < 0 || value > max) {
        throw std::invalid_argument("option " + name + " must be a whole number from 0 to " +
                                    std::to_string(max) + ", not " + found->second);
    }
    return value;
}

class probe_environment final : public environment {
public:
    probe_environment(std::string function, std::chrono::milliseconds sleep)
        : function_(std::move(function)), id_(next_environment_id.fetch_add(1)), sleep_(sleep) {}

    // The destructor is the environment's shutdown hook.
    ~probe_environment() override {
        spdlog::info("Probe environment shut down. function={} environment={} invocations={}",
                     function_, id_, invocations_);
    }

    std::string invoke(std::string_view event, const invocation_context& context) override {
        context.log("probe invoked");
        if (sleep_.count() > 0) {
            std::this_thread::sleep_for(sleep_);
        }
        ++invocations_;
        boost::json::object result;
        result["environment"] = id_;
        result["environment_invocations"] = invocations_;
        result["total_invocations"] = count_invocation();
        result["remaining_time_ms"] = context.remaining_time().count();
        result["event"] = std::string(event);
        result["client_context"] = context.client_context();
        return boost::json::serialize(result);
    }

private:
    std::uint64_t count_invocation() const {
        std::lock_guard lock(counters_mutex);
        return ++counters[function_].invocations;
    }

    std::string function_;
    std::uint64_t id_;
    std::chrono::milliseconds sleep_;
    std::uint64_t invocations_ = 0;
};

class hang_environment final : public environment {
public:
    std::string invoke(std::string_view, const invocation_context& context) override {
        context.log("hang invoked; this handler never returns");
        for (;;) {
            std::this_thread::sleep_for(std::chrono::hours(1));
        }
    }
};

}  // namespace

std::unique_ptr<environment> make_lifecycle_probe_environment(const init_context& context) {
    std::int64_t init_failures = integer_option(context, "init_failures", 1000);
    std::int64_t init_sleep_ms = integer_option(context, "init_sleep_ms", 900'000);
    std::int64_t sleep_ms = integer_option(context, "sleep_ms", 900'000);
    std::uint64_t inits = 0;
    {
        std::lock_guard lock(counters_mutex);
        inits = ++counters[context.function_name()].inits;
    }
    if (init_sleep_ms > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(init_sleep_ms));
    }
    if (inits <= static_cast<std::uint64_t>(init_failures)) {
        throw std::runtime_error("init attempt " + std::to_string(inits) +
                                 " fails on purpose (option init_failures)");
    }
    return std::make_unique<probe_environment>(context.function_name(),
                                               std::chrono::milliseconds(sleep_ms));
}

std::unique_ptr<environment> make_hang_environment(const init_context&) {
    return std::make_unique<hang_environment>();
}

}  // namespace lambdad::modules
