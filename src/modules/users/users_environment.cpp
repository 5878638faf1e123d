#include "common/ids.hpp"
#include "modules/builtin_modules.hpp"
#include "modules/plain_json.hpp"
#include "modules/proxy_response.hpp"
#include "modules/users/users_event.hpp"
#include "modules/users/utc_timestamp.hpp"

#include <boost/json.hpp>

#include <stdexcept>

namespace lambdad::modules {
namespace {

// The workshop's function sends these headers with every response.
const std::vector<header> response_headers = {
    {"Content-Type", "application/json"},
    {"Access-Control-Allow-Origin", "*"},
};

// Items per scan page when listing users. Listing reads every page.
constexpr std::size_t scan_page_limit = 1000;

std::string ok(std::string_view body) {
    return proxy_response(200, response_headers, body);
}

// The workshop's function reports a failure as 400 with the key "Error:", colon included.
std::string bad_request(std::string_view reason) {
    boost::json::object body;
    body["Error:"] = reason;
    return proxy_response(400, response_headers, boost::json::serialize(body));
}

std::string unsupported_route() {
    return proxy_response(400, response_headers, R"({"Message":"Unsupported route"})");
}

item key_of(const std::string& userid) {
    item key;
    key.emplace("userid", attribute_value::string(userid));
    return key;
}

const std::string& require_userid(const users_event& request) {
    if (!request.userid) {
        throw std::invalid_argument("The path parameter userid is missing");
    }
    return *request.userid;
}

item parse_body(const users_event& request) {
    if (!request.body) {
        throw std::invalid_argument("The request body is missing");
    }
    return parse_plain_object(*request.body);
}

void stamp(item& user) {
    user.insert_or_assign("timestamp",
                          attribute_value::string(utc_isoformat(std::chrono::system_clock::now())));
}

class users_environment final : public environment {
public:
    explicit users_environment(std::shared_ptr<table> users) : users_(std::move(users)) {}

    // Table errors and invalid input become 400 responses, as the workshop's catch-all makes them.
    // Anything else escapes as a function error.
    std::string invoke(std::string_view event, const invocation_context&) override {
        users_event request = parse_users_event(event);
        try {
            return route(request);
        } catch (const table_error& error) {
            return bad_request(error.what());
        } catch (const std::invalid_argument& error) {
            return bad_request(error.what());
        }
    }

private:
    std::string route(const users_event& request) {
        const std::string& method = request.http_method;
        if (request.resource == "/users/{userid}") {
            if (method == "GET") {
                return get_user(require_userid(request));
            }
            if (method == "PUT") {
                return put_user(require_userid(request), parse_body(request));
            }
            if (method == "DELETE") {
                return delete_user(require_userid(request));
            }
        } else if (request.resource == "/users") {
            if (method == "GET") {
                return list_users();
            }
            if (method == "POST") {
                return create_user(parse_body(request));
            }
        }
        return unsupported_route();
    }

    std::string get_user(const std::string& userid) {
        std::optional<item> user = users_->get(key_of(userid));
        return ok(user ? to_plain_json(*user) : std::string("{}"));
    }

    std::string list_users() {
        std::string body = "[";
        std::optional<item> start_key;
        bool first = true;
        do {
            scan_page page = users_->scan(start_key, scan_page_limit);
            for (const item& user : page.items) {
                if (!first) {
                    body += ',';
                }
                first = false;
                append_plain_json(user, body);
            }
            start_key = std::move(page.last_evaluated_key);
        } while (start_key);
        body += ']';
        return ok(body);
    }

    // A userid in the body is kept, as the workshop's function keeps it.
    std::string create_user(item user) {
        stamp(user);
        if (user.find("userid") == user.end()) {
            user.emplace("userid", attribute_value::string(time_uuid()));
        }
        users_->put(user);
        return ok(to_plain_json(user));
    }

    std::string put_user(const std::string& userid, item user) {
        stamp(user);
        user.insert_or_assign("userid", attribute_value::string(userid));
        users_->put(user);
        return ok(to_plain_json(user));
    }

    std::string delete_user(const std::string& userid) {
        users_->erase(key_of(userid));
        return ok("{}");
    }

    std::shared_ptr<table> users_;
};

}  // namespace

std::unique_ptr<environment> make_users_environment(const init_context& context) {
    std::string table_name = context.getenv("USERS_TABLE");
    if (table_name.empty()) {
        throw std::invalid_argument("Environment variable USERS_TABLE is not set");
    }
    return std::make_unique<users_environment>(context.tables().open_table(table_name));
}

}  // namespace lambdad::modules
