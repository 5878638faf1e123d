"""The command line: readiness output, other subcommands and configuration errors."""

import re
import subprocess

import pytest

from lambdad_harness import CONFIG_DIR, lambdad_binary

COMMAND_TIMEOUT_S = 20


def run_lambdad(*args):
    return subprocess.run(
        [lambdad_binary(), *args], capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S
    )


def test_ready_line_and_ready_file_agree(users_daemon):
    url = users_daemon.url
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url), url
    assert users_daemon.client.port != 0
    assert users_daemon.stop() == 0, users_daemon.logs()
    stdout = users_daemon.stdout_path.read_text()
    assert f"lambdad listening on {url}\n" in stdout, stdout
    aws_url = users_daemon.aws_url
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+", aws_url), aws_url
    assert aws_url != url
    assert f"AWS endpoint (Lambda, DynamoDB) on {aws_url}\n" in stdout, stdout


def test_version_prints_version():
    result = run_lambdad("--version")
    assert result.returncode == 0, result.stderr
    assert re.search(r"\d+\.\d+\.\d+", result.stdout), result.stdout


def test_routes_lists_default_routes():
    result = run_lambdad("routes")
    assert result.returncode == 0, result.stderr
    for method, path in [("GET", "/users"), ("POST", "/users"), ("GET", "/users/{userid}"),
                         ("PUT", "/users/{userid}"), ("DELETE", "/users/{userid}")]:
        pattern = rf"\b{method}\b.*{re.escape(path)}(\s|$)"
        assert re.search(pattern, result.stdout, re.M), result.stdout


def test_routes_lists_config_file_routes():
    result = run_lambdad("routes", "--config", str(CONFIG_DIR / "test-service.yaml"))
    assert result.returncode == 0, result.stderr
    assert "/echo/{proxy+}" in result.stdout
    assert "/bad/not-json" in result.stdout


TABLES = """\
tables:
  UsersTable:
    name: Users
    hash_key: {name: userid, type: S}
"""

FUNCTIONS = """\
functions:
  UsersFunction:
    module: users
    environment:
      USERS_TABLE: !Ref UsersTable
"""

APIS = """\
apis:
  UsersApi:
    type: REST
    stage: Prod
    routes:
      - {method: GET, path: /users, function: UsersFunction}
"""

# Each case is a configuration with one mistake, on the line marked "# invalid", and the key
# that the error message must name.
INVALID_CONFIGS = {
    "timeout_out_of_range": (
        TABLES + FUNCTIONS + "    timeout: 901  # invalid\n" + APIS, "timeout"),
    "memory_size_out_of_range": (
        TABLES + FUNCTIONS + "    memory_size: 64  # invalid\n" + APIS, "memory_size"),
    "unknown_module": (
        TABLES + FUNCTIONS + "  Other:\n    module: no-such-module  # invalid\n" + APIS,
        "module"),
    "unknown_function_in_route": (
        TABLES + FUNCTIONS + APIS
        + "      - {method: GET, path: /x, function: Missing}  # invalid\n", "function"),
    "unknown_ref": (
        TABLES + FUNCTIONS + "      OTHER: !Ref NoSuchTable  # invalid\n" + APIS, "OTHER"),
}


@pytest.mark.parametrize("case", sorted(INVALID_CONFIGS))
def test_invalid_config_exits_2(tmp_path, case):
    text, key = INVALID_CONFIGS[case]
    line = next(n for n, content in enumerate(text.splitlines(), 1) if "# invalid" in content)
    config = tmp_path / "invalid.yaml"
    config.write_text(text)
    ready_file = tmp_path / "ready"
    result = run_lambdad("serve", "--config", str(config), "--port", "0", "--aws-port", "0",
                         "--in-memory",
                         "--ready-file", str(ready_file))
    assert result.returncode == 2, result.stderr
    match = re.search(rf"{re.escape(str(config))}:(\d+):(\d+): ([^:]+): (.+)", result.stderr)
    assert match, f"no file:line:col: key: reason in stderr:\n{result.stderr}"
    assert int(match.group(1)) == line, result.stderr
    assert key in match.group(3), result.stderr
    assert not ready_file.exists()
    assert "listening" not in result.stdout


def test_missing_config_file_exits_2(tmp_path):
    missing = tmp_path / "missing.yaml"
    result = run_lambdad("serve", "--config", str(missing), "--port", "0", "--in-memory")
    assert result.returncode == 2, result.stderr
    assert str(missing) in result.stderr


def test_yaml_syntax_error_exits_2(tmp_path):
    config = tmp_path / "broken.yaml"
    config.write_text("tables:\n  UsersTable: {name: Users\n")
    result = run_lambdad("routes", "--config", str(config))
    assert result.returncode == 2, result.stderr
    assert re.search(rf"{re.escape(str(config))}:\d+:\d+: ", result.stderr), result.stderr
