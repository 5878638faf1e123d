"""Function modules built by users: the example in examples/todo, built with CMake against an
installed lambdad and served by the installed daemon, and the module libraries lambdad rejects.

Besides LAMBDAD_BIN, the tests read LAMBDAD_BUILD_DIR (the build to install), CMAKE_COMMAND,
LAMBDAD_CXX_COMPILER, and LAMBDAD_TEST_*_MODULE, the module libraries built in tests/modules.
"""

import json
import os
import pathlib
import shutil
import subprocess

import pytest

from conftest import start_daemon
from lambdad_harness import REPO_ROOT, assert_uuid, lambdad_binary

BUILD_TIMEOUT_S = 150
COMMAND_TIMEOUT_S = 30


def run(command, **kwargs):
    """Run `command`, failing the test with its output when it exits non-zero."""
    result = subprocess.run(
        command, capture_output=True, text=True, timeout=BUILD_TIMEOUT_S, **kwargs
    )
    assert result.returncode == 0, f"{command} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed_example(tmp_path_factory):
    """Install lambdad into a temporary prefix and build a copy of examples/todo against it.

    Returns (prefix, example directory); the module is example directory/build/libtodo.so,
    where examples/todo/todo.yaml expects it.
    """
    root = tmp_path_factory.mktemp("user-module")
    prefix = root / "prefix"
    cmake = os.environ.get("CMAKE_COMMAND", "cmake")
    run([cmake, "--install", os.environ["LAMBDAD_BUILD_DIR"], "--prefix", str(prefix)])
    example = root / "todo"
    shutil.copytree(REPO_ROOT / "examples" / "todo", example)
    configure = [cmake, "-S", str(example), "-B", str(example / "build"),
                 f"-DCMAKE_PREFIX_PATH={prefix}", "-DCMAKE_BUILD_TYPE=Release"]
    if os.environ.get("LAMBDAD_CXX_COMPILER"):
        configure.append(f"-DCMAKE_CXX_COMPILER={os.environ['LAMBDAD_CXX_COMPILER']}")
    run(configure)
    run([cmake, "--build", str(example / "build")])
    assert (example / "build" / "libtodo.so").is_file()
    return prefix, example


@pytest.fixture
def todo_daemon(request, tmp_path, installed_example, monkeypatch):
    """The installed daemon serving the example's own todo.yaml."""
    prefix, example = installed_example
    monkeypatch.setenv("LAMBDAD_BIN", str(prefix / "bin" / "lambdad"))
    return start_daemon(request, tmp_path / "todo-daemon", example / "todo.yaml")


def test_installed_package_has_sdk(installed_example):
    prefix, _ = installed_example
    for header in ["function.hpp", "table.hpp", "attribute_value.hpp", "module.hpp"]:
        assert (prefix / "include" / "lambdad" / header).is_file(), header
    assert (prefix / "lib" / "cmake" / "lambdad" / "lambdad-config.cmake").is_file()
    assert os.access(prefix / "bin" / "lambdad", os.X_OK)


def test_sdk_headers_include_no_boost():
    for header in (REPO_ROOT / "include" / "lambdad").glob("*.hpp"):
        text = header.read_text()
        assert "boost/" not in text, header
        assert "spdlog" not in text, header


def test_example_module_serves_todos(todo_daemon):
    client = todo_daemon.client
    created = client.request("POST", "/todos", {"title": "write the docs"})
    assert created.status == 201, created
    todo = created.json()
    assert_uuid(todo["id"])
    assert todo["title"] == "write the docs"
    assert todo["done"] is False

    fetched = client.request("GET", f"/todos/{todo['id']}")
    assert fetched.status == 200, fetched
    assert fetched.json() == todo

    listed = client.request("GET", "/Prod/todos")
    assert listed.status == 200, listed
    assert listed.json() == [todo]

    deleted = client.request("DELETE", f"/todos/{todo['id']}")
    assert deleted.status == 200, deleted
    missing = client.request("GET", f"/todos/{todo['id']}")
    assert missing.status == 404, missing
    assert missing.json() == {"message": "to-do not found"}


def test_example_module_rejects_bad_body(todo_daemon):
    response = todo_daemon.client.request("POST", "/todos", "not json")
    assert response.status == 400, response
    assert "title" in response.json()["message"]


def test_example_module_logs_through_context(todo_daemon):
    todo = todo_daemon.client.request("POST", "/todos", {"title": "log me"}).json()
    assert todo_daemon.stop() == 0, todo_daemon.logs()
    logs = todo_daemon.logs()
    assert "using table Todos" in logs
    assert f"created to-do {todo['id']}" in logs


def test_one_shot_invoke_runs_example(installed_example, tmp_path):
    prefix, example = installed_example
    binary = str(prefix / "bin" / "lambdad")
    config = str(example / "todo.yaml")
    event = run([binary, "generate-event", "apigateway-rest", "--config", config,
                 "--method", "POST", "--path", "/todos", "--body", '{"title": "from the CLI"}'])
    data_dir = str(tmp_path / "data")
    invoked = run([binary, "invoke", "TodoFunction", "--config", config, "--data-dir", data_dir,
                   "--event", "-"], input=event.stdout)
    response = json.loads(invoked.stdout)
    assert response["statusCode"] == 201, invoked.stdout
    todo = json.loads(response["body"])
    assert todo["title"] == "from the CLI"

    listing = run([binary, "generate-event", "apigateway-rest", "--config", config,
                   "--path", "/todos"])
    listed = run([binary, "invoke", "TodoFunction", "--config", config, "--data-dir", data_dir,
                  "--event", "-"], input=listing.stdout)
    assert json.loads(json.loads(listed.stdout)["body"]) == [todo]


def test_example_builds_with_add_subdirectory(tmp_path):
    """A parent project that adds lambdad's sources with add_subdirectory gets lambdad::sdk."""
    cmake = os.environ.get("CMAKE_COMMAND", "cmake")
    example = tmp_path / "todo"
    shutil.copytree(REPO_ROOT / "examples" / "todo", example)
    parent = tmp_path / "parent"
    parent.mkdir()
    (parent / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.25)\n"
        "project(parent LANGUAGES CXX)\n"
        f"add_subdirectory({REPO_ROOT.as_posix()} lambdad)\n"
        f"add_subdirectory({example.as_posix()} todo)\n"
    )
    build = tmp_path / "build"
    configure = [cmake, "-S", str(parent), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
                 "-DLAMBDAD_BUILD_TESTS=OFF"]
    if os.environ.get("LAMBDAD_CXX_COMPILER"):
        configure.append(f"-DCMAKE_CXX_COMPILER={os.environ['LAMBDAD_CXX_COMPILER']}")
    run(configure)
    # Only the module and what it needs: the SDK library, not the daemon.
    run([cmake, "--build", str(build), "--target", "todo"])
    library = build / "todo" / "libtodo.so"
    assert library.is_file()

    config = tmp_path / "todo.yaml"
    config.write_text((example / "todo.yaml").read_text().replace("build/libtodo.so", str(library)))
    event = json.dumps({"httpMethod": "GET", "pathParameters": None})
    result = subprocess.run(
        [lambdad_binary(), "invoke", "TodoFunction", "--config", str(config), "--in-memory",
         "--event", "-"],
        input=event, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": "[]"
    }


def write_library_config(directory, library_line):
    config = pathlib.Path(directory) / "module.yaml"
    config.write_text(
        "functions:\n"
        "  ModuleFunction:\n"
        f"    {library_line}\n"
        "apis:\n"
        "  ModuleApi:\n"
        "    routes:\n"
        "      - {method: GET, path: /m, function: ModuleFunction}\n"
    )
    return config


def serve_expecting_failure(config, tmp_path):
    ready_file = tmp_path / "ready"
    result = subprocess.run(
        [lambdad_binary(), "serve", "--config", str(config), "--port", "0", "--aws-port", "0",
         "--in-memory", "--ready-file", str(ready_file)],
        capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S,
    )
    assert result.returncode == 2, result.stderr
    assert not ready_file.exists()
    return result.stderr


def test_wrong_abi_version_is_rejected(tmp_path):
    library = os.environ["LAMBDAD_TEST_WRONG_ABI_MODULE"]
    config = write_library_config(tmp_path, f"library: {library}")
    stderr = serve_expecting_failure(config, tmp_path)
    assert f"{config}:3:5: functions.ModuleFunction.library" in stderr, stderr
    assert library in stderr
    assert "symbol lambdad_module_entry_point reports ABI version 999" in stderr
    assert "rebuild the module" in stderr


def test_wrong_standard_library_is_rejected(tmp_path):
    library = os.environ["LAMBDAD_TEST_WRONG_LIBRARY_MODULE"]
    config = write_library_config(tmp_path, f"library: {library}")
    stderr = serve_expecting_failure(config, tmp_path)
    assert library in stderr
    assert "C++ standard library libc++" in stderr, stderr


def test_missing_entry_point_is_rejected(tmp_path):
    library = os.environ["LAMBDAD_TEST_NO_ENTRY_POINT_MODULE"]
    config = write_library_config(tmp_path, f"library: {library}")
    stderr = serve_expecting_failure(config, tmp_path)
    assert library in stderr
    assert "has no ABI version: symbol lambdad_module_entry_point not found" in stderr, stderr


def test_missing_library_file_names_resolved_path(tmp_path):
    config = write_library_config(tmp_path, "library: lib/libmissing.so")
    stderr = serve_expecting_failure(config, tmp_path)
    # A relative path is relative to the configuration file, not to the current directory.
    assert f"cannot load module library {tmp_path}/lib/libmissing.so" in stderr, stderr
    assert "dlopen failed" in stderr


def test_module_and_library_together_are_rejected(tmp_path):
    config = write_library_config(tmp_path, "module: echo\n    library: libx.so")
    stderr = serve_expecting_failure(config, tmp_path)
    assert "functions.ModuleFunction.library: cannot be set together with module" in stderr, stderr


def test_loaded_test_module_answers(tmp_path):
    library = os.environ["LAMBDAD_TEST_GREETING_MODULE"]
    config = tmp_path / "greeting.yaml"
    config.write_text(
        "functions:\n"
        "  Greeter:\n"
        f"    library: {library}\n"
        "    options: {greeting: hello}\n"
        "apis:\n"
        "  GreetingApi:\n"
        "    routes:\n"
        "      - {method: GET, path: /greet, function: Greeter}\n"
    )
    result = subprocess.run(
        [lambdad_binary(), "invoke", "Greeter", "--config", str(config), "--in-memory"],
        capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "hello from Greeter: {}\n"
