#include "lambda/function_pool.hpp"
#include "lambda/test_executor.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <regex>
#include <string>
#include <thread>

namespace lambdad::lambda {
namespace {

using namespace std::chrono_literals;

class no_tables : public table_provider {
public:
    std::shared_ptr<table> open_table(std::string_view name) override {
        throw table_error("ResourceNotFoundException", "No table " + std::string(name));
    }
};

// A latch that blocked handlers wait on, shared with them so that it outlives a test whose
// handler is still blocked after a timeout.
class latch_gate {
public:
    void wait() {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [this] { return open_; });
    }
    void open() {
        {
            std::lock_guard lock(mutex_);
            open_ = true;
        }
        changed_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    bool open_ = false;  // guarded by `mutex_`
};

// Counts the environments created and destroyed.
struct environment_census {
    std::atomic<int> created{0};
    std::atomic<int> destroyed{0};
};

// Returns its id, after waiting for `gate` when the event is "block".
class blocking_environment : public environment {
public:
    blocking_environment(int id, std::shared_ptr<latch_gate> gate,
                         std::shared_ptr<environment_census> census)
        : id_(id), gate_(std::move(gate)), census_(std::move(census)) {}
    ~blocking_environment() override { ++census_->destroyed; }

    std::string invoke(std::string_view event, const invocation_context& context) override {
        context.log("handling " + std::string(event));
        if (event == "\"block\"") {
            gate_->wait();
        }
        return boost::json::serialize(boost::json::object{{"environment", id_}});
    }

private:
    int id_;
    std::shared_ptr<latch_gate> gate_;
    std::shared_ptr<environment_census> census_;
};

class LifecycleTest : public ::testing::Test {
protected:
    LifecycleTest() {
        config_.logical_id = "TestFunction";
        config_.name = "test-function";
        config_.module = "inline";
        config_.timeout = 200ms;
    }

    ~LifecycleTest() override { gate_->open(); }

    environment_factory factory() {
        return [gate = gate_, census = census_](const init_context&) {
            int id = ++census->created;
            return std::make_unique<blocking_environment>(id, gate, census);
        };
    }

    std::unique_ptr<function_pool> make_pool(
        environment_factory factory, environment_threads threads = environment_threads::own) {
        return std::make_unique<function_pool>(config_, std::move(factory), tables_,
                                               executor_.as_function(), nullptr, threads);
    }

    invocation_result call(function_pool& pool, const std::string& id, const std::string& event,
                           bool capture_log = false) {
        auto answer = std::make_shared<std::promise<invocation_result>>();
        std::future<invocation_result> answered = answer->get_future();
        pool.invoke({id, event, capture_log},
                    [answer](invocation_result result) { answer->set_value(std::move(result)); });
        if (answered.wait_for(30s) != std::future_status::ready) {
            ADD_FAILURE() << "no answer for " << id;
            return {};
        }
        return answered.get();
    }

    // Polls `condition` for up to 10 s, for state that changes on another thread after the
    // result arrives, such as an environment being shut down.
    static bool eventually(const std::function<bool()>& condition) {
        for (int i = 0; i < 1000; ++i) {
            if (condition()) {
                return true;
            }
            std::this_thread::sleep_for(10ms);
        }
        return condition();
    }

    config::function_config config_;
    std::shared_ptr<latch_gate> gate_ = std::make_shared<latch_gate>();
    std::shared_ptr<environment_census> census_ = std::make_shared<environment_census>();
    test::thread_executor executor_{2};
    no_tables tables_;
};

TEST_F(LifecycleTest, TimeoutAnswersWithLambdaError) {
    auto pool = make_pool(factory());
    invocation_result result = call(*pool, "r1", "\"block\"", true);

    EXPECT_EQ(result.status, invocation_status::function_error);
    EXPECT_TRUE(result.timed_out);
    EXPECT_EQ(result.error_type, "Sandbox.Timedout");
    auto payload = boost::json::parse(result.payload).as_object();
    EXPECT_EQ(payload.at("errorType").as_string(), "Sandbox.Timedout");
    std::string message(payload.at("errorMessage").as_string());
    EXPECT_TRUE(std::regex_match(
        message, std::regex("RequestId: r1 Error: Task timed out after [0-9]+\\.[0-9]{2} seconds")))
        << message;
    EXPECT_NE(result.log.find("START RequestId: r1"), std::string::npos) << result.log;
    EXPECT_NE(result.log.find("Status: timeout"), std::string::npos) << result.log;
    EXPECT_EQ(pool->environment_count(), 0u);
}

TEST_F(LifecycleTest, TimedOutEnvironmentIsNotReused) {
    auto pool = make_pool(factory());
    call(*pool, "r1", "\"block\"");
    invocation_result next = call(*pool, "r2", "\"quick\"");

    EXPECT_EQ(next.status, invocation_status::success);
    EXPECT_TRUE(next.cold_start);
    EXPECT_EQ(boost::json::parse(next.payload).at("environment").as_int64(), 2);
}

TEST_F(LifecycleTest, StuckHandlerHoldsItsConcurrency) {
    config_.reserved_concurrency = 1;
    auto pool = make_pool(factory());
    EXPECT_TRUE(call(*pool, "r1", "\"block\"").timed_out);
    invocation_result while_stuck = call(*pool, "r2", "\"quick\"");
    EXPECT_EQ(while_stuck.status, invocation_status::throttled);
    EXPECT_EQ(while_stuck.throttle, throttle_reason::reserved_function);

    gate_->open();
    // The stuck environment is destroyed once its handler returns, which frees the unit.
    EXPECT_TRUE(eventually([&] { return census_->destroyed.load() == 1; }));
    bool served = eventually(
        [&] { return call(*pool, "r3", "\"quick\"").status == invocation_status::success; });
    EXPECT_TRUE(served);
}

TEST_F(LifecycleTest, InitTimeoutDiscardsEnvironment) {
    config_.init_timeout = 200ms;
    // Shared, because the first init is still blocked when the test ends.
    auto inits = std::make_shared<std::atomic<int>>(0);
    auto pool = make_pool([gate = gate_, inits, census = census_](const init_context&) {
        int id = ++*inits;
        if (id == 1) {
            gate->wait();
        }
        return std::make_unique<blocking_environment>(id, gate, census);
    });
    invocation_result first = call(*pool, "r1", "\"quick\"");
    invocation_result second = call(*pool, "r2", "\"quick\"");

    EXPECT_EQ(first.status, invocation_status::function_error);
    EXPECT_TRUE(first.timed_out);
    EXPECT_EQ(first.error_type, "Sandbox.Timedout");
    EXPECT_EQ(second.status, invocation_status::success);
    EXPECT_TRUE(second.cold_start);
}

TEST_F(LifecycleTest, IdleEnvironmentShutsDown) {
    config_.idle_timeout = 50ms;
    auto pool = make_pool(factory());
    EXPECT_TRUE(call(*pool, "r1", "\"quick\"").cold_start);
    EXPECT_TRUE(eventually([&] { return pool->environment_count() == 0; }));
    EXPECT_EQ(census_->destroyed.load(), 1);
    invocation_result later = call(*pool, "r2", "\"quick\"");

    EXPECT_TRUE(later.cold_start);
    EXPECT_EQ(census_->created.load(), 2);
}

TEST_F(LifecycleTest, ProvisionedEnvironmentsStartWarm) {
    config_.provisioned_concurrency = 2;
    config_.idle_timeout = 50ms;
    auto pool = make_pool(factory());
    EXPECT_EQ(census_->created.load(), 2);
    EXPECT_EQ(pool->environment_count(), 2u);
    invocation_result first = call(*pool, "r1", "\"quick\"");
    std::this_thread::sleep_for(200ms);

    EXPECT_EQ(first.status, invocation_status::success);
    EXPECT_FALSE(first.cold_start);
    EXPECT_EQ(pool->environment_count(), 2u);
    EXPECT_EQ(census_->destroyed.load(), 0);
}

TEST_F(LifecycleTest, CapturesInvocationLog) {
    auto pool = make_pool(factory());
    invocation_result result = call(*pool, "r1", "\"quick\"", true);
    invocation_result quiet = call(*pool, "r2", "\"quick\"");

    EXPECT_NE(result.log.find("START RequestId: r1 Version: $LATEST\n"), std::string::npos);
    EXPECT_NE(result.log.find("r1\thandling \"quick\"\n"), std::string::npos) << result.log;
    EXPECT_NE(result.log.find("END RequestId: r1\n"), std::string::npos);
    EXPECT_NE(result.log.find("REPORT RequestId: r1\tDuration: "), std::string::npos);
    EXPECT_NE(result.log.find("Init Duration: "), std::string::npos);
    EXPECT_TRUE(quiet.log.empty());
}

TEST_F(LifecycleTest, DeadlineReachesHandler) {
    config_.timeout = 5000ms;
    std::chrono::milliseconds remaining{0};
    class deadline_environment : public environment {
    public:
        explicit deadline_environment(std::chrono::milliseconds& remaining)
            : remaining_(remaining) {}
        std::string invoke(std::string_view, const invocation_context& context) override {
            remaining_ = context.remaining_time();
            return "{}";
        }

    private:
        std::chrono::milliseconds& remaining_;
    };
    auto pool = make_pool([&remaining](const init_context&) {
        return std::make_unique<deadline_environment>(remaining);
    });
    call(*pool, "r1", "{}");

    EXPECT_GT(remaining, 0ms);
    EXPECT_LE(remaining, 5000ms);
}

TEST_F(LifecycleTest, CallerModeRunsOnCallingThread) {
    std::thread::id handler_thread;
    class thread_environment : public environment {
    public:
        explicit thread_environment(std::thread::id& seen) : seen_(seen) {}
        std::string invoke(std::string_view, const invocation_context&) override {
            seen_ = std::this_thread::get_id();
            return "{}";
        }

    private:
        std::thread::id& seen_;
    };
    auto pool = make_pool(
        [&handler_thread](const init_context&) {
            return std::make_unique<thread_environment>(handler_thread);
        },
        environment_threads::caller);
    invocation_result first = call(*pool, "r1", "{}");
    invocation_result second = call(*pool, "r2", "{}");

    EXPECT_EQ(handler_thread, std::this_thread::get_id());
    EXPECT_TRUE(first.cold_start);
    EXPECT_FALSE(second.cold_start);
    EXPECT_EQ(pool->environment_count(), 1u);
}

TEST_F(LifecycleTest, CallerModeTimeoutAnswersAtOnce) {
    auto pool = make_pool(factory(), environment_threads::caller);
    auto answer = std::make_shared<std::promise<invocation_result>>();
    std::future<invocation_result> answered = answer->get_future();
    // The handler blocks the thread that invokes it, so that thread is not the test's.
    std::thread caller([&pool, answer] {
        pool->invoke({"r1", "\"block\"", false},
                     [answer](invocation_result result) { answer->set_value(std::move(result)); });
    });
    ASSERT_EQ(answered.wait_for(30s), std::future_status::ready);
    invocation_result result = answered.get();
    gate_->open();
    caller.join();

    EXPECT_TRUE(result.timed_out);
    EXPECT_EQ(result.error_type, "Sandbox.Timedout");
    EXPECT_TRUE(eventually([&] { return census_->destroyed.load() == 1; }));
    EXPECT_TRUE(call(*pool, "r2", "\"quick\"").cold_start);
}

TEST_F(LifecycleTest, CallerModeShutsDownIdleLazily) {
    config_.idle_timeout = 50ms;
    auto pool = make_pool(factory(), environment_threads::caller);
    call(*pool, "r1", "\"quick\"");
    std::this_thread::sleep_for(100ms);
    invocation_result later = call(*pool, "r2", "\"quick\"");

    EXPECT_TRUE(later.cold_start);
    EXPECT_EQ(census_->destroyed.load(), 1);
    EXPECT_EQ(pool->environment_count(), 1u);
}

TEST_F(LifecycleTest, CallerModeProvisionedAndShutdown) {
    config_.provisioned_concurrency = 2;
    auto pool = make_pool(factory(), environment_threads::caller);
    EXPECT_EQ(pool->environment_count(), 2u);
    EXPECT_FALSE(call(*pool, "r1", "\"quick\"").cold_start);
    pool.reset();

    EXPECT_EQ(census_->created.load(), 2);
    EXPECT_EQ(census_->destroyed.load(), 2);
}

}  // namespace
}  // namespace lambdad::lambda
