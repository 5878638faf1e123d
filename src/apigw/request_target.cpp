#include "apigw/request_target.hpp"

namespace lambdad::apigw {

request_target split_target(std::string_view target) {
    std::size_t question = target.find('?');
    if (question == std::string_view::npos) {
        return {target, {}};
    }
    return {target.substr(0, question), target.substr(question + 1)};
}

std::string_view strip_stage(std::string_view path, std::string_view stage) {
    if (stage.empty() || path.size() < stage.size() + 1 || path[0] != '/' ||
        path.substr(1, stage.size()) != stage) {
        return path;
    }
    std::string_view rest = path.substr(stage.size() + 1);
    if (rest.empty()) {
        return "/";
    }
    return rest.front() == '/' ? rest : path;
}

}  // namespace lambdad::apigw
