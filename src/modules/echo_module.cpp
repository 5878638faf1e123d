#include "modules/builtin_modules.hpp"
#include "modules/proxy_response.hpp"

namespace lambdad::modules {
namespace {

class echo_environment final : public environment {
public:
    std::string invoke(std::string_view event, const invocation_context&) override {
        return proxy_response(200, {{"Content-Type", "application/json"}}, event);
    }
};

}  // namespace

std::unique_ptr<environment> make_echo_environment(const init_context&) {
    return std::make_unique<echo_environment>();
}

}  // namespace lambdad::modules
