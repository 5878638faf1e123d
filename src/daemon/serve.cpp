#include "apigw/gateway.hpp"
#include "aws/endpoint.hpp"
#include "daemon/app_setup.hpp"
#include "daemon/aws_services.hpp"
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
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace lambdad::daemon {
namespace {

/// Writes `api_url` and `aws_url` as the two lines of `path`, through a temporary file and a
/// rename, so that a reader sees either no file or both lines.
void write_ready_file(const std::string& path, const std::string& api_url,
                      const std::string& aws_url) {
    std::string temporary = path + ".tmp" + std::to_string(::getpid());
    {
        std::ofstream file(temporary, std::ios::trunc);
        file << api_url << '\n' << aws_url << '\n';
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
    /// Set by a second stop signal: the daemon exits without waiting for requests in flight.
    std::atomic<bool> forced{false};
    std::mutex mutex;
    std::string reason;          // guarded by `mutex`
    std::size_t unfinished = 0;  // guarded by `mutex`
};

std::size_t count_open_connections(const std::vector<http::server*>& servers) {
    std::size_t open = 0;
    for (const http::server* server : servers) {
        open += server->open_connections();
    }
    return open;
}

/// Stops every server in `servers` on SIGINT or SIGTERM, and calls `finish` once all of them
/// have closed their connections or the grace period has passed, with whether connections
/// were still open. A second signal stops the runtime at once.
void install_signal_handling(http::io_runtime& runtime, std::vector<http::server*> servers,
                             std::chrono::milliseconds grace, shutdown_record& record,
                             std::function<void(bool)> finish) {
    auto log = spdlog::get("lambdad");
    runtime.handle_stop_signals(
        [&runtime, servers, grace, &record, log, finish = std::move(finish)](int signal_number) {
            if (record.started.exchange(true)) {
                log->warn("Second stop signal; stopping without waiting. open_sessions={}",
                          count_open_connections(servers));
                record.forced.store(true);
                runtime.stop_now();
                return;
            }
            std::string reason = signal_number == SIGINT ? "SIGINT" : "SIGTERM";
            {
                std::lock_guard lock(record.mutex);
                record.reason = reason;
            }
            log->info("Shutting down. reason={} open_sessions={} grace_ms={}", reason,
                      count_open_connections(servers), grace.count());
            auto pending = std::make_shared<std::atomic<std::size_t>>(servers.size());
            for (http::server* server : servers) {
                server->stop(grace, [&record, pending, finish](std::size_t unfinished) {
                    std::size_t total_unfinished = 0;
                    {
                        std::lock_guard lock(record.mutex);
                        record.unfinished += unfinished;
                        total_unfinished = record.unfinished;
                    }
                    if (pending->fetch_sub(1) == 1) {
                        finish(total_unfinished > 0);
                    }
                });
            }
        });
}

/// Shuts down every function pool: the invocations still running finish or time out, while
/// the gateway and the endpoint that complete them still exist. Their responses are dropped,
/// because their connections are closed.
void shut_down_functions(const apigw::function_map& functions) {
    for (const auto& [name, pool] : functions) {
        pool->shut_down();
    }
}

/// Ends the process at once with status 1, after a second stop signal. Functions may still be
/// running on other threads, so nothing is destroyed. Acknowledged writes are already
/// committed to the WAL, which the next start recovers as after `kill -9`.
[[noreturn]] void exit_without_waiting() {
    if (auto log = spdlog::get("lambdad")) {
        log->warn("lambdad stopped without waiting for requests in flight.");
    }
    spdlog::apply_all([](const std::shared_ptr<spdlog::logger>& logger) { logger->flush(); });
    std::cout.flush();
    std::_Exit(1);
}

http::server_options address_options(const std::string& host, std::uint16_t port) {
    http::server_options options;
    options.host = host;
    options.port = port;
    return options;
}

/// The options of a port that serves APIs, with the configured client limits.
http::server_options api_port_options(const std::string& host, std::uint16_t port,
                                      const config::http_limits& limits) {
    http::server_options options = address_options(host, port);
    options.header_timeout = limits.header_timeout;
    options.body_timeout = limits.body_timeout;
    options.idle_timeout = limits.idle_timeout;
    options.max_connections = limits.max_connections;
    return options;
}

/// One server per API that names a port of its own; it serves only that API.
std::vector<std::unique_ptr<http::server>> make_api_servers(http::io_runtime& runtime,
                                                            const config::daemon_config& config,
                                                            const std::string& host,
                                                            const apigw::gateway& gateway) {
    std::vector<std::unique_ptr<http::server>> servers;
    for (std::size_t index = 0; index < config.apis.size(); ++index) {
        const auto& api = config.apis[index];
        if (!api.port) {
            continue;
        }
        http::server_options server_options = api_port_options(host, *api.port, config.http);
        server_options.too_large = [&gateway, index](const http::request& request) {
            return gateway.too_large_api(index, request);
        };
        servers.push_back(std::make_unique<http::server>(
            runtime, server_options,
            [&gateway, index](http::request&& request, http::responder respond) {
                gateway.handle_api(index, std::move(request), std::move(respond));
            }));
        spdlog::get("lambdad")->info("API listening on its own port. api={} address=http://{}:{}",
                                     api.logical_id, host, servers.back()->port());
    }
    return servers;
}

int serve_config(const config::daemon_config& config, const serve_options& options) {
    auto log = spdlog::get("lambdad");
    storage::database database(storage::database_options{options.data_dir, options.in_memory});
    for (const auto& table : config.tables) {
        database.ensure_table(table.name, table.key);
    }
    // Declared before everything that sends responses, so that its I/O contexts outlive
    // every function, worker and timer that may still complete a request during shutdown.
    http::io_runtime runtime(options.threads);
    // Function code and SQLite calls block, so they run on this pool, not on the I/O threads.
    boost::asio::thread_pool workers(options.workers);
    auto executor = [&workers](std::function<void()> work) {
        boost::asio::post(workers, std::move(work));
    };
    apigw::function_map functions = build_functions(config, database, executor);
    apigw::gateway gateway(config.apis, functions);
    aws::endpoint aws_endpoint;
    add_aws_services(aws_endpoint, aws_service_context{config, functions, database, executor});

    http::server_options server_options = api_port_options(options.host, options.port, config.http);
    server_options.too_large = [&gateway](const http::request& request) {
        return gateway.too_large(request);
    };
    http::server server(runtime, server_options,
                        [&gateway](http::request&& request, http::responder respond) {
                            gateway.handle(std::move(request), std::move(respond));
                        });
    http::server aws_server(runtime, address_options(options.host, options.aws_port),
                            [&aws_endpoint](http::request&& request, http::responder respond) {
                                aws_endpoint.handle(std::move(request), std::move(respond));
                            });
    std::vector<std::unique_ptr<http::server>> api_servers =
        make_api_servers(runtime, config, options.host, gateway);
    std::vector<http::server*> all_servers{&server, &aws_server};
    for (const auto& api_server : api_servers) {
        all_servers.push_back(api_server.get());
    }
    shutdown_record record;
    // Once the connections are closed, a thread of its own waits for the functions still
    // running to finish or time out, so the I/O threads keep serving a second stop signal.
    std::thread function_drain;
    auto finish_shutdown = [&functions, &runtime, &function_drain](bool unfinished) {
        function_drain = std::thread([&functions, &runtime, unfinished] {
            shut_down_functions(functions);
            // Sessions still waiting for a function would keep the runtime alive.
            if (unfinished) {
                runtime.stop_now();
            } else {
                runtime.stop();
            }
        });
    };
    install_signal_handling(runtime, all_servers, config.http.shutdown_grace, record,
                            finish_shutdown);
    for (http::server* each : all_servers) {
        each->start();
    }

    std::string url = "http://" + options.host + ":" + std::to_string(server.port());
    std::string aws_url = "http://" + options.host + ":" + std::to_string(aws_server.port());
    std::cout << "lambdad listening on " << url << std::endl;
    std::cout << "AWS endpoint (Lambda, DynamoDB) on " << aws_url << std::endl;
    if (options.ready_file) {
        write_ready_file(*options.ready_file, url, aws_url);
    }
    log->info(
        "lambdad started. version={} address={} aws_endpoint={} config={} data={} "
        "journal_mode={} routes={} functions={} tables={} threads={} workers={} log_level={}",
        LAMBDAD_VERSION, url, aws_url, config.source, database.path(), database.journal_mode(),
        count_routes(config), config.functions.size(), config.tables.size(), runtime.threads(),
        options.workers, options.log_level);

    runtime.run();
    if (record.forced.load()) {
        exit_without_waiting();
    }
    if (function_drain.joinable()) {
        function_drain.join();
    }
    workers.join();
    // Usually done by `function_drain` already; needed when the runtime stopped another way.
    shut_down_functions(functions);
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
