// A to-do list behind API Gateway's Lambda proxy integration, stored in a DynamoDB table:
//
//   POST   /todos       {"title": "..."}  creates a to-do and returns it with 201
//   GET    /todos                         lists every to-do
//   GET    /todos/{id}                    returns one to-do, or 404
//   DELETE /todos/{id}                    deletes one to-do
//
// It shows the parts of a module: the init phase (reads the configuration, opens the table),
// the environment that handles events, the context, the table API, and function errors.

#include <boost/json.hpp>

#include <lambdad/module.hpp>
#include <lambdad/table.hpp>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace {

namespace json = boost::json;

/// Builds API Gateway's proxy response: status code, a JSON content type and the body text.
std::string proxy_response(int status, const json::value& body) {
    json::object response;
    response["statusCode"] = status;
    response["headers"] = json::object{{"Content-Type", "application/json"}};
    response["body"] = json::serialize(body);
    return json::serialize(response);
}

std::string message_response(int status, std::string_view message) {
    return proxy_response(status, json::object{{"message", message}});
}

json::object to_json(const lambdad::item& todo) {
    return json::object{{"id", todo.at("id").scalar()},
                        {"title", todo.at("title").scalar()},
                        {"done", todo.at("done").boolean_value()}};
}

lambdad::item key_of(std::string_view id) {
    return lambdad::item{{"id", lambdad::attribute_value::string(std::string(id))}};
}

/// One execution environment. Lambda runs one invocation at a time per environment, so the
/// members need no lock; the table object is itself thread-safe.
class todo_environment final : public lambdad::environment {
public:
    explicit todo_environment(std::shared_ptr<lambdad::table> table) : table_(std::move(table)) {}

    std::string invoke(std::string_view event_text,
                       const lambdad::invocation_context& context) override {
        json::object event = json::parse(event_text).as_object();
        std::string_view method = event.at("httpMethod").as_string();
        const json::value* parameters = event.if_contains("pathParameters");
        if (parameters == nullptr || parameters->is_null()) {
            return method == "POST" ? create(event, context) : list();
        }
        std::string_view id = parameters->at("id").as_string();
        return method == "DELETE" ? remove(id) : get(id);
    }

private:
    std::string create(const json::object& event, const lambdad::invocation_context& context) {
        const json::value& body = event.at("body");
        json::value parsed;
        boost::system::error_code error;
        if (body.is_string()) {
            parsed = json::parse(body.as_string(), error);
        }
        const json::object* fields = error ? nullptr : parsed.if_object();
        if (fields == nullptr || !fields->contains("title") || !fields->at("title").is_string()) {
            return message_response(400, "the body must be a JSON object with a string title");
        }
        // The invocation's request id is a UUID, unique enough for a to-do id.
        lambdad::item todo{{"id", lambdad::attribute_value::string(context.request_id())},
                           {"title", lambdad::attribute_value::string(
                                         std::string(parsed.at("title").as_string()))},
                           {"done", lambdad::attribute_value::boolean(false)}};
        table_->put(todo);
        context.log("created to-do " + context.request_id());
        return proxy_response(201, to_json(todo));
    }

    std::string list() {
        json::array todos;
        std::optional<lambdad::item> start;
        do {
            lambdad::scan_page page = table_->scan(start, 100);
            for (const auto& todo : page.items) {
                todos.push_back(to_json(todo));
            }
            start = page.last_evaluated_key;
        } while (start);
        return proxy_response(200, todos);
    }

    std::string get(std::string_view id) {
        std::optional<lambdad::item> todo = table_->get(key_of(id));
        if (!todo) {
            return message_response(404, "to-do not found");
        }
        return proxy_response(200, to_json(*todo));
    }

    std::string remove(std::string_view id) {
        if (!table_->erase(key_of(id))) {
            return message_response(404, "to-do not found");
        }
        return proxy_response(200, json::object{});
    }

    std::shared_ptr<lambdad::table> table_;
};

/// Runs the init phase, once per execution environment before its first event.
std::unique_ptr<lambdad::environment> init(const lambdad::init_context& context) {
    std::string table_name = context.getenv("TODOS_TABLE");
    if (table_name.empty()) {
        // An exception here is an init error: the invocation that started this environment
        // fails with it, and the next invocation runs the init phase again.
        throw lambdad::function_error("ConfigurationError", "TODOS_TABLE is not set");
    }
    context.log("using table " + table_name);
    return std::make_unique<todo_environment>(context.tables().open_table(table_name));
}

}  // namespace

LAMBDAD_MODULE(init)
