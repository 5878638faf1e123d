#include "apigw/gateway.hpp"
#include "daemon/app_setup.hpp"
#include "daemon/commands.hpp"
#include "daemon/logging.hpp"
#include "http/io_runtime.hpp"
#include "http/server.hpp"
#include "storage/database.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <system_error>

namespace lambdad::daemon {
namespace {

/// Time that requests in flight get to finish after SIGINT or SIGTERM.
constexpr std::chrono::seconds shutdown_grace{10};

/// Writes `url` as the only line of `path`, through a temporary file and a rename, so that a
/// reader sees either no file or the whole line.
void write_ready_file(const std::string& path, const std::string& url) {
    std::string temporary = path + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream file(temporary, std::ios::trunc);
        file << url << '\n';
        if (!file.flush()) {
            throw std::runtime_error("cannot write ready file " + temporary);
        }
    }
    std::filesystem::rename(temporary, path);
}

std::size_t count_routes(const config::daemon_config& config) {
    std::size_t routes = 0;
    for (const auto& api : config.apis) {
        routes += api.routes.size();
    }
    return routes;
}

/// The reason for a shutdown and its outcome; set on an I/O thread, read after run() returns.
struct shutdown_record {
    std::atomic<bool> started{false};
    std::mutex mutex;
    std::string reason;          // guarded by `mutex`
    std::size_t unfinished = 0;  // guarded by `mutex`
};

void install_signal_handling(http::io_runtime& runtime, http::server& server,
                             shutdown_record& record) {
    auto log = spdlog::get("lambdad");
    runtime.handle_stop_signals([&runtime, &server, &record, log](int signal_number) {
        if (record.started.exchange(true)) {
            log->warn("Second stop signal; stopping without waiting. open_sessions={}",
                      server.open_connections());
            runtime.stop_now();
            return;
        }
        std::string reason = signal_number == SIGINT ? "SIGINT" : "SIGTERM";
        {
            std::lock_guard lock(record.mutex);
            record.reason = reason;
        }
        log->info("Shutting down. reason={} open_sessions={} grace_s={}", reason,
                  server.open_connections(), shutdown_grace.count());
        server.stop(shutdown_grace, [&runtime, &record](std::size_t unfinished) {
            {
                std::lock_guard lock(record.mutex);
                record.unfinished = unfinished;
            }
            // Sessions still waiting for a function would keep the runtime alive.
            if (unfinished > 0) {
                runtime.stop_now();
            } else {
                runtime.stop();
            }
        });
    });
}

int serve_config(const config::daemon_config& config, const serve_options& options) {
    auto log = spdlog::get("lambdad");
    storage::database database(storage::database_options{options.data_dir, options.in_memory});
    for (const auto& table : config.tables) {
        database.ensure_table(table.name, table.key);
    }
    // Function code and SQLite calls block, so they run on this pool, not on the I/O threads.
    boost::asio::thread_pool workers(options.workers);
    auto executor = [&workers](std::function<void()> work) {
        boost::asio::post(workers, std::move(work));
    };
    apigw::gateway gateway(config.apis, build_functions(config, database, executor));

    http::io_runtime runtime(options.threads);
    http::server_options server_options;
    server_options.host = options.host;
    server_options.port = options.port;
    server_options.too_large = [&gateway](const http::request& request) {
        return gateway.too_large(request);
    };
    http::server server(runtime, server_options,
                        [&gateway](http::request&& request, http::responder respond) {
                            gateway.handle(std::move(request), std::move(respond));
                        });
    shutdown_record record;
    install_signal_handling(runtime, server, record);
    server.start();

    std::string url = "http://" + options.host + ":" + std::to_string(server.port());
    std::cout << "lambdad listening on " << url << std::endl;
    if (options.ready_file) {
        write_ready_file(*options.ready_file, url);
    }
    log->info(
        "lambdad started. version={} address={} config={} data={} journal_mode={} routes={} "
        "functions={} tables={} threads={} workers={} log_level={}",
        LAMBDAD_VERSION, url, config.source, database.path(), database.journal_mode(),
        count_routes(config), config.functions.size(), config.tables.size(), runtime.threads(),
        options.workers, options.log_level);

    runtime.run();
    workers.join();
    std::lock_guard lock(record.mutex);
    log->info("lambdad stopped. reason={} unfinished_sessions={}", record.reason,
              record.unfinished);
    return 0;
}

}  // namespace

int run_serve(const serve_options& options) {
    config::daemon_config config;
    try {
        config = load_config(options.config_path);
    } catch (const config::config_error& error) {
        std::cerr << error.what() << std::endl;
        return 2;
    }
    setup_logging(options.log_level, options.log_format);
    try {
        return serve_config(config, options);
    } catch (const config::config_error& error) {
        std::cerr << error.what() << std::endl;
        return 2;
    } catch (const std::exception& error) {
        spdlog::get("lambdad")->critical("Startup failed. error={}", error.what());
        return 1;
    }
}

}  // namespace lambdad::daemon
