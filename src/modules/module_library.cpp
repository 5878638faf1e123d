#include "modules/module_library.hpp"

#include "lambdad/module.hpp"

#include <cstring>
#include <dlfcn.h>
#include <memory>
#include <utility>

namespace lambdad::modules {
namespace {

/// An open dlopen handle, closed when the last owner releases it.
class library_handle {
public:
    explicit library_handle(void* handle) : handle_(handle) {}
    ~library_handle() { ::dlclose(handle_); }
    library_handle(const library_handle&) = delete;
    library_handle& operator=(const library_handle&) = delete;

    void* get() const { return handle_; }

private:
    void* handle_;
};

/// An environment created by a module. It forwards every call to the module's environment and
/// keeps the library loaded until that environment has been destroyed. A virtual function added
/// to lambdad::environment must be forwarded here too.
class module_environment final : public environment {
public:
    module_environment(std::shared_ptr<const library_handle> library,
                       std::unique_ptr<environment> created)
        : library_(std::move(library)), created_(std::move(created)) {}

    std::string invoke(std::string_view event, const invocation_context& context) override {
        return created_->invoke(event, context);
    }

private:
    // Declared before created_, so destroyed after it: the destructor of created_ is module code.
    std::shared_ptr<const library_handle> library_;
    std::unique_ptr<environment> created_;
};

std::string last_dl_error() {
    const char* error = ::dlerror();
    return error != nullptr ? error : "no error reported";
}

std::shared_ptr<const library_handle> open_library(const std::string& path) {
    ::dlerror();
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
        throw module_load_error("cannot load module library " + path +
                                ": dlopen failed: " + last_dl_error());
    }
    return std::make_shared<const library_handle>(handle);
}

const module_descriptor& read_descriptor(const library_handle& library, const std::string& path) {
    ::dlerror();
    void* symbol = ::dlsym(library.get(), LAMBDAD_MODULE_ENTRY_POINT);
    if (symbol == nullptr) {
        throw module_load_error(
            "module library " + path +
            " has no ABI version: symbol " LAMBDAD_MODULE_ENTRY_POINT " not found (" +
            last_dl_error() + "); a module defines it with LAMBDAD_MODULE from lambdad/module.hpp");
    }
    // dlsym returns every symbol as void*, and POSIX requires that converting it to a function
    // pointer works.
    auto* entry_point = reinterpret_cast<lambdad_module_entry_point_function*>(symbol);
    const module_descriptor* descriptor = entry_point();
    if (descriptor == nullptr) {
        throw module_load_error("module library " + path +
                                ": symbol " LAMBDAD_MODULE_ENTRY_POINT " returned no descriptor");
    }
    return *descriptor;
}

void check_compatible(const module_descriptor& descriptor, const std::string& path) {
    std::string where = "module library " + path + ": symbol " LAMBDAD_MODULE_ENTRY_POINT;
    if (descriptor.abi_version != LAMBDAD_MODULE_ABI_VERSION) {
        throw module_load_error(
            where + " reports ABI version " + std::to_string(descriptor.abi_version) +
            ", but this lambdad loads ABI version " + std::to_string(LAMBDAD_MODULE_ABI_VERSION) +
            "; rebuild the module against this lambdad's headers");
    }
    const char* library = descriptor.standard_library;
    if (library == nullptr || std::strcmp(library, LAMBDAD_STANDARD_LIBRARY) != 0) {
        throw module_load_error(
            where + " reports C++ standard library " + (library ? library : "(none)") +
            ", but this lambdad uses " LAMBDAD_STANDARD_LIBRARY "; rebuild the module with it");
    }
    if (descriptor.create_environment == nullptr) {
        throw module_load_error(where + " returned no create_environment function");
    }
}

}  // namespace

environment_factory load_module_library(const std::string& path) {
    std::shared_ptr<const library_handle> library = open_library(path);
    const module_descriptor& descriptor = read_descriptor(*library, path);
    check_compatible(descriptor, path);
    auto create = descriptor.create_environment;
    return [library, create](const init_context& context) -> std::unique_ptr<environment> {
        std::unique_ptr<environment> created(create(context));
        if (!created) {
            return nullptr;
        }
        return std::make_unique<module_environment>(library, std::move(created));
    };
}

}  // namespace lambdad::modules
