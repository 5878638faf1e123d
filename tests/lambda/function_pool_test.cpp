#include "lambda/function_pool.hpp"

#include "lambda/account.hpp"
#include "lambda/test_executor.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>

namespace lambdad::lambda {
namespace {

using namespace std::chrono_literals;

class no_tables : public table_provider {
public:
    std::shared_ptr<table> open_table(std::string_view name) override {
        throw table_error("ResourceNotFoundException", "No table " + std::string(name));
    }
};

// Gates that handlers wait on, keyed by the event text. Events without a gate pass at once.
class gates {
public:
    void close(const std::string& event) {
        std::lock_guard lock(mutex_);
        closed_.insert(event);
    }
    void open(const std::string& event) {
        {
            std::lock_guard lock(mutex_);
            closed_.erase(event);
        }
        changed_.notify_all();
    }
    void pass(const std::string& event) {
        std::unique_lock lock(mutex_);
        ++waiting_;
        changed_.notify_all();
        changed_.wait(lock, [&] { return closed_.count(event) == 0; });
        --waiting_;
    }
    /// Waits until `count` handlers are blocked at a gate.
    void wait_for_waiting(int count) {
        std::unique_lock lock(mutex_);
        ASSERT_TRUE(changed_.wait_for(lock, 5s, [&] { return waiting_ == count; }));
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::set<std::string> closed_;  // guarded by `mutex_`
    int waiting_ = 0;               // guarded by `mutex_`
};

// An environment that returns `{"environment": <id>, "event": <event>}` after its gate opens.
class gated_environment : public environment {
public:
    gated_environment(int id, gates& gates) : id_(id), gates_(gates) {}

    std::string invoke(std::string_view event, const invocation_context&) override {
        std::string text(event);
        gates_.pass(text);
        if (text == "\"function_error\"") {
            throw function_error("Handled.Failure", "the handler failed on purpose");
        }
        if (text == "\"runtime_error\"") {
            throw std::runtime_error("the handler broke");
        }
        if (text == "\"int\"") {
            throw 42;
        }
        return boost::json::serialize(boost::json::object{{"environment", id_}, {"event", text}});
    }

private:
    int id_;
    gates& gates_;
};

// Collects results by request id.
class results {
public:
    std::function<void(invocation_result)> collect(const std::string& request_id) {
        return [this, request_id](invocation_result result) {
            {
                std::lock_guard lock(mutex_);
                results_[request_id] = std::move(result);
            }
            arrived_.notify_all();
        };
    }
    invocation_result wait(const std::string& request_id) {
        std::unique_lock lock(mutex_);
        bool arrived = arrived_.wait_for(lock, 5s, [&] { return results_.count(request_id) == 1; });
        if (!arrived) {
            ADD_FAILURE() << "No result for " << request_id;
            return {};
        }
        return results_[request_id];
    }

private:
    std::mutex mutex_;
    std::condition_variable arrived_;
    std::map<std::string, invocation_result> results_;  // guarded by `mutex_`
};

int environment_of(const invocation_result& result) {
    return static_cast<int>(boost::json::parse(result.payload).at("environment").as_int64());
}

class FunctionPoolTest : public ::testing::Test {
protected:
    config::function_config make_config(std::optional<std::uint32_t> reserved = std::nullopt) {
        config::function_config config;
        config.logical_id = "TestFunction";
        config.name = "test-function";
        config.module = "inline";
        config.timeout = 3000ms;
        config.memory_size_mb = 256;
        config.reserved_concurrency = reserved;
        return config;
    }

    environment_factory counting_factory() {
        return [this](const init_context&) {
            int id = ++factory_calls_;
            return std::make_unique<gated_environment>(id, gates_);
        };
    }

    std::unique_ptr<function_pool> make_pool(std::optional<std::uint32_t> reserved,
                                             std::shared_ptr<account> shared_account = nullptr) {
        return std::make_unique<function_pool>(make_config(reserved), counting_factory(), tables_,
                                               executor_.as_function(), std::move(shared_account));
    }

    void invoke(function_pool& pool, const std::string& id, const std::string& event) {
        pool.invoke({id, event}, results_.collect(id));
    }

    test::thread_executor executor_{6};
    no_tables tables_;
    gates gates_;
    results results_;
    std::atomic<int> factory_calls_{0};
};

TEST_F(FunctionPoolTest, ReusesWarmEnvironment) {
    auto pool = make_pool(std::nullopt);
    invoke(*pool, "r1", "\"a\"");
    invocation_result first = results_.wait("r1");
    invoke(*pool, "r2", "\"b\"");
    invocation_result second = results_.wait("r2");

    EXPECT_EQ(first.status, invocation_status::success);
    EXPECT_TRUE(first.cold_start);
    EXPECT_EQ(second.status, invocation_status::success);
    EXPECT_FALSE(second.cold_start);
    EXPECT_EQ(environment_of(first), environment_of(second));
    EXPECT_EQ(factory_calls_.load(), 1);
    EXPECT_EQ(pool->environment_count(), 1u);
}

TEST_F(FunctionPoolTest, ColdStartsWhenAllBusy) {
    auto pool = make_pool(std::nullopt);
    gates_.close("\"slow\"");
    invoke(*pool, "r1", "\"slow\"");
    gates_.wait_for_waiting(1);
    invoke(*pool, "r2", "\"fast\"");
    invocation_result fast = results_.wait("r2");
    gates_.open("\"slow\"");
    invocation_result slow = results_.wait("r1");

    EXPECT_TRUE(fast.cold_start);
    EXPECT_TRUE(slow.cold_start);
    EXPECT_NE(environment_of(fast), environment_of(slow));
    EXPECT_EQ(pool->environment_count(), 2u);
}

TEST_F(FunctionPoolTest, PrefersMostRecentlyUsedEnvironment) {
    auto pool = make_pool(std::nullopt);
    gates_.close("\"one\"");
    gates_.close("\"two\"");
    invoke(*pool, "r1", "\"one\"");
    invoke(*pool, "r2", "\"two\"");
    gates_.wait_for_waiting(2);
    gates_.open("\"one\"");
    results_.wait("r1");
    gates_.open("\"two\"");
    int last_used = environment_of(results_.wait("r2"));
    invoke(*pool, "r3", "\"three\"");
    invocation_result third = results_.wait("r3");

    EXPECT_FALSE(third.cold_start);
    EXPECT_EQ(environment_of(third), last_used);
}

TEST_F(FunctionPoolTest, ThrottlesAtReservedConcurrency) {
    auto pool = make_pool(1);
    gates_.close("\"slow\"");
    invoke(*pool, "r1", "\"slow\"");
    gates_.wait_for_waiting(1);
    invoke(*pool, "r2", "\"rejected\"");
    invocation_result rejected = results_.wait("r2");
    gates_.open("\"slow\"");

    EXPECT_EQ(rejected.status, invocation_status::throttled);
    EXPECT_EQ(rejected.throttle, throttle_reason::reserved_function);
    EXPECT_EQ(results_.wait("r1").status, invocation_status::success);
    EXPECT_EQ(factory_calls_.load(), 1);
}

TEST_F(FunctionPoolTest, ThrottlesAtAccountConcurrency) {
    auto shared_account = std::make_shared<account>(2);
    auto first = make_pool(std::nullopt, shared_account);
    auto second = make_pool(std::nullopt, shared_account);
    gates_.close("\"slow\"");
    invoke(*first, "r1", "\"slow\"");
    invoke(*second, "r2", "\"slow\"");
    gates_.wait_for_waiting(2);
    invoke(*first, "r3", "\"rejected\"");
    invocation_result rejected = results_.wait("r3");
    gates_.open("\"slow\"");

    EXPECT_EQ(rejected.status, invocation_status::throttled);
    EXPECT_EQ(rejected.throttle, throttle_reason::account);
    EXPECT_EQ(results_.wait("r1").status, invocation_status::success);
    EXPECT_EQ(results_.wait("r2").status, invocation_status::success);
}

TEST_F(FunctionPoolTest, ReservationKeepsUnreservedMinimum) {
    auto shared_account = std::make_shared<account>(1000);
    auto pool = make_pool(std::nullopt, shared_account);

    EXPECT_FALSE(pool->set_reserved_concurrency(901));
    EXPECT_EQ(pool->reserved_concurrency(), std::nullopt);
    EXPECT_TRUE(pool->set_reserved_concurrency(900));
    EXPECT_EQ(pool->reserved_concurrency(), 900u);
    EXPECT_EQ(shared_account->unreserved_concurrency(), 100u);
    EXPECT_TRUE(pool->set_reserved_concurrency(std::nullopt));
    EXPECT_EQ(shared_account->unreserved_concurrency(), 1000u);
}

TEST_F(FunctionPoolTest, ReservedZeroThrottlesEveryCall) {
    auto pool = make_pool(0);
    invoke(*pool, "r1", "\"a\"");
    invoke(*pool, "r2", "\"b\"");

    EXPECT_EQ(results_.wait("r1").status, invocation_status::throttled);
    EXPECT_EQ(results_.wait("r2").status, invocation_status::throttled);
    EXPECT_EQ(factory_calls_.load(), 0);
    EXPECT_EQ(pool->environment_count(), 0u);
}

TEST_F(FunctionPoolTest, RetriesInitAfterFailure) {
    std::atomic<int> attempts{0};
    environment_factory factory = [&](const init_context&) -> std::unique_ptr<environment> {
        if (++attempts == 1) {
            throw std::runtime_error("table name missing");
        }
        return std::make_unique<gated_environment>(attempts, gates_);
    };
    function_pool pool(make_config(), factory, tables_, executor_.as_function());
    invoke(pool, "r1", "\"a\"");
    invocation_result failed = results_.wait("r1");
    EXPECT_EQ(pool.environment_count(), 0u);
    invoke(pool, "r2", "\"b\"");
    invocation_result retried = results_.wait("r2");

    EXPECT_EQ(failed.status, invocation_status::function_error);
    EXPECT_EQ(failed.error_type, "Runtime.InitError");
    EXPECT_TRUE(failed.cold_start);
    auto payload = boost::json::parse(failed.payload).as_object();
    EXPECT_EQ(payload.at("errorType").as_string(), "Runtime.InitError");
    EXPECT_EQ(payload.at("errorMessage").as_string(), "table name missing");
    EXPECT_TRUE(payload.at("stackTrace").as_array().empty());
    EXPECT_EQ(retried.status, invocation_status::success);
    EXPECT_TRUE(retried.cold_start);
    EXPECT_EQ(pool.environment_count(), 1u);
}

TEST_F(FunctionPoolTest, InitFunctionErrorKeepsItsType) {
    environment_factory factory = [](const init_context&) -> std::unique_ptr<environment> {
        throw function_error("Runtime.ConfigInvalid", "bad option");
    };
    function_pool pool(make_config(), factory, tables_, executor_.as_function());
    invoke(pool, "r1", "\"a\"");
    invocation_result failed = results_.wait("r1");

    EXPECT_EQ(failed.error_type, "Runtime.ConfigInvalid");
    auto payload = boost::json::parse(failed.payload).as_object();
    EXPECT_EQ(payload.at("errorMessage").as_string(), "bad option");
}

TEST_F(FunctionPoolTest, ReportsHandlerExceptions) {
    auto pool = make_pool(std::nullopt);
    struct expectation {
        const char* event;
        const char* type;
        const char* message;
    };
    const expectation cases[] = {
        {"\"function_error\"", "Handled.Failure", "the handler failed on purpose"},
        {"\"runtime_error\"", "std::runtime_error", "the handler broke"},
        {"\"int\"", "int", "Exception of type int thrown"},
    };
    int index = 0;
    for (const auto& expected : cases) {
        std::string id = "r" + std::to_string(++index);
        invoke(*pool, id, expected.event);
        invocation_result result = results_.wait(id);
        EXPECT_EQ(result.status, invocation_status::function_error) << expected.event;
        EXPECT_EQ(result.error_type, expected.type) << expected.event;
        auto payload = boost::json::parse(result.payload).as_object();
        EXPECT_EQ(payload.at("errorType").as_string(), expected.type);
        EXPECT_EQ(payload.at("errorMessage").as_string(), expected.message);
        EXPECT_TRUE(payload.at("stackTrace").as_array().empty());
    }
    invoke(*pool, "after", "\"ok\"");
    invocation_result after = results_.wait("after");
    EXPECT_EQ(after.status, invocation_status::success);
    EXPECT_FALSE(after.cold_start);
    EXPECT_EQ(factory_calls_.load(), 1);
}

TEST_F(FunctionPoolTest, PassesContextsToFunction) {
    struct observed {
        std::string request_id, name, arn, table_env, option;
        std::uint32_t memory = 0;
        std::chrono::milliseconds remaining{0};
    };
    auto seen = std::make_shared<observed>();
    class context_environment : public environment {
    public:
        explicit context_environment(std::shared_ptr<observed> seen) : seen_(std::move(seen)) {}
        std::string invoke(std::string_view, const invocation_context& context) override {
            seen_->request_id = context.request_id();
            seen_->name = context.function_name();
            seen_->arn = context.function_arn();
            seen_->memory = context.memory_limit_mb();
            seen_->remaining = context.remaining_time();
            context.log("handled");
            return "{}";
        }

    private:
        std::shared_ptr<observed> seen_;
    };
    config::function_config config = make_config();
    config.environment["USERS_TABLE"] = "Users";
    config.options["mode"] = "strict";
    environment_factory factory = [seen](const init_context& context) {
        seen->table_env = context.getenv("USERS_TABLE");
        seen->option = context.options().at("mode");
        context.log("initialising");
        return std::make_unique<context_environment>(seen);
    };
    function_pool pool(config, factory, tables_, executor_.as_function());
    invoke(pool, "req-1", "{}");
    results_.wait("req-1");

    EXPECT_EQ(pool.arn(), "arn:aws:lambda:us-east-1:123456789012:function:test-function");
    EXPECT_EQ(seen->request_id, "req-1");
    EXPECT_EQ(seen->name, "test-function");
    EXPECT_EQ(seen->arn, pool.arn());
    EXPECT_EQ(seen->memory, 256u);
    EXPECT_GT(seen->remaining, 2500ms);
    EXPECT_LE(seen->remaining, 3000ms);
    EXPECT_EQ(seen->table_env, "Users");
    EXPECT_EQ(seen->option, "strict");
}

TEST_F(FunctionPoolTest, LogsStartEndAndReportLines) {
    std::ostringstream output;
    auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(output);
    auto logger = std::make_shared<spdlog::logger>("function", sink);
    logger->set_pattern("%v");
    spdlog::register_logger(logger);
    {
        auto pool = make_pool(std::nullopt);
        invoke(*pool, "id-1", "\"a\"");
        results_.wait("id-1");
        invoke(*pool, "id-2", "\"b\"");
        results_.wait("id-2");
    }
    spdlog::drop("function");
    logger->flush();
    std::string text = output.str();

    EXPECT_NE(text.find("START RequestId: id-1 Version: $LATEST\n"), std::string::npos);
    EXPECT_NE(text.find("END RequestId: id-1\n"), std::string::npos);
    std::regex cold(
        "REPORT RequestId: id-1\tDuration: [0-9]+\\.[0-9]{2} ms\tBilled Duration: [0-9]+ "
        "ms\tMemory Size: 256 MB\tMax Memory Used: [0-9]+ MB\tInit Duration: [0-9]+\\.[0-9]{2} "
        "ms\n");
    EXPECT_TRUE(std::regex_search(text, cold)) << text;
    std::regex warm(
        "REPORT RequestId: id-2\tDuration: [0-9]+\\.[0-9]{2} ms\tBilled Duration: [0-9]+ "
        "ms\tMemory Size: 256 MB\tMax Memory Used: [0-9]+ MB\n");
    EXPECT_TRUE(std::regex_search(text, warm)) << text;
}

}  // namespace
}  // namespace lambdad::lambda
