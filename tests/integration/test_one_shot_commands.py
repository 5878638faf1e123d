"""`lambdad invoke` and `lambdad generate-event`: one invocation or one event, then exit."""

import json
import subprocess

from lambdad_harness import CONFIG_DIR, Daemon, assert_uuid, lambdad_binary

COMMAND_TIMEOUT_S = 30
TEST_SERVICE = str(CONFIG_DIR / "test-service.yaml")


def run_lambdad(*args, stdin=None):
    return subprocess.run(
        [lambdad_binary(), *args], capture_output=True, text=True, input=stdin,
        timeout=COMMAND_TIMEOUT_S,
    )


def invoke(function, *args, stdin=None):
    return run_lambdad("invoke", function, "--config", TEST_SERVICE, *args, stdin=stdin)


def generate(source, *args):
    result = run_lambdad("generate-event", source, *args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_invoke_prints_response_of_event_file(tmp_path):
    event = tmp_path / "event.json"
    event.write_text('{"message": "hello"}')
    result = invoke("EchoFunction", "--in-memory", "--event", str(event))
    assert result.returncode == 0, result.stderr
    response = json.loads(result.stdout)
    assert response["statusCode"] == 200
    assert json.loads(response["body"]) == {"message": "hello"}


def test_invoke_reads_event_from_stdin():
    result = invoke("EchoFunction", "--in-memory", "--event", "-", stdin='[1, 2, 3]')
    assert result.returncode == 0, result.stderr
    assert json.loads(json.loads(result.stdout)["body"]) == [1, 2, 3]


def test_invoke_without_event_sends_empty_object():
    result = invoke("EchoFunction", "--in-memory")
    assert result.returncode == 0, result.stderr
    assert json.loads(json.loads(result.stdout)["body"]) == {}


def test_invoke_logs_lambda_report_on_stderr():
    result = invoke("EchoFunction", "--in-memory")
    assert result.returncode == 0, result.stderr
    assert "START RequestId: " in result.stderr
    assert "REPORT RequestId: " in result.stderr
    assert "REPORT" not in result.stdout


def test_invoke_accepts_function_name_or_logical_id(tmp_path):
    config = tmp_path / "named.yaml"
    config.write_text("functions:\n  EchoId:\n    name: echo-function\n    module: echo\n")
    for name in ["EchoId", "echo-function"]:
        result = run_lambdad("invoke", name, "--config", str(config), "--in-memory")
        assert result.returncode == 0, result.stderr


def test_invoke_function_error_exits_1():
    result = invoke("FunctionError", "--in-memory")
    assert result.returncode == 1, result.stderr
    payload = json.loads(result.stdout)
    assert payload["errorType"] == "InvalidInput"
    assert payload["errorMessage"] == "the input was rejected"


def test_invoke_throttled_function_exits_1(tmp_path):
    config = tmp_path / "throttled.yaml"
    config.write_text("functions:\n  Closed:\n    module: echo\n    reserved_concurrency: 0\n")
    result = run_lambdad("invoke", "Closed", "--config", str(config), "--in-memory")
    assert result.returncode == 1, result.stderr
    assert result.stdout == ""
    assert ("invocation of Closed throttled: TooManyRequestsException, reason "
            "ReservedFunctionConcurrentInvocationLimitExceeded") in result.stderr


def test_invoke_unknown_function_exits_2():
    result = invoke("NoSuchFunction", "--in-memory")
    assert result.returncode == 2
    assert "function NoSuchFunction not found" in result.stderr
    assert "EchoFunction" in result.stderr
    assert result.stdout == ""


def test_invoke_rejects_invalid_json_event():
    result = invoke("EchoFunction", "--in-memory", "--event", "-", stdin="{not json")
    assert result.returncode == 2
    assert "the event in standard input is not valid JSON" in result.stderr


def test_invoke_reports_missing_event_file(tmp_path):
    missing = tmp_path / "missing.json"
    result = invoke("EchoFunction", "--in-memory", "--event", str(missing))
    assert result.returncode == 2
    assert f"cannot open event file {missing}" in result.stderr


def test_invoke_shares_data_dir_with_daemon(request, tmp_path):
    data_dir = tmp_path / "data"
    created_event = generate("apigateway-rest", "--config", TEST_SERVICE, "--method", "POST",
                             "--path", "/users", "--body", '{"userid": "u-1", "name": "Ada"}')
    created = invoke("UsersFunction", "--data-dir", str(data_dir), "--event", "-",
                     stdin=json.dumps(created_event))
    assert created.returncode == 0, created.stderr
    assert json.loads(created.stdout)["statusCode"] == 200

    daemon = Daemon(tmp_path / "daemon", config=TEST_SERVICE, data_dir=data_dir).start()
    request.addfinalizer(daemon.stop)
    fetched = daemon.client.request("GET", "/users/u-1")
    assert fetched.status == 200, fetched
    assert fetched.json()["name"] == "Ada"

    # While the daemon runs, a one-shot invocation reads what the daemon wrote.
    daemon.client.request("PUT", "/users/u-1", '{"name": "Grace"}')
    read_event = generate("apigateway-rest", "--config", TEST_SERVICE, "--method", "GET",
                          "--path", "/users/u-1")
    read = invoke("UsersFunction", "--data-dir", str(data_dir), "--event", "-",
                  stdin=json.dumps(read_event))
    assert read.returncode == 0, read.stderr
    assert json.loads(json.loads(read.stdout)["body"])["name"] == "Grace"


def test_generate_rest_event_without_config():
    event = generate("apigateway-rest", "--method", "POST", "--path", "/orders/7?x=1&x=2",
                     "--body", '{"a": 1}', "--header", "X-Trace: abc")
    assert event["httpMethod"] == "POST"
    assert event["resource"] == "/{proxy+}"
    assert event["path"] == "/orders/7"
    assert event["pathParameters"] == {"proxy": "orders/7"}
    assert event["queryStringParameters"] == {"x": "2"}
    assert event["multiValueQueryStringParameters"] == {"x": ["1", "2"]}
    assert event["headers"]["X-Trace"] == "abc"
    assert event["body"] == '{"a": 1}'
    assert event["isBase64Encoded"] is False
    assert event["requestContext"]["stage"] == "Prod"
    assert event["requestContext"]["path"] == "/Prod/orders/7"
    assert_uuid(event["requestContext"]["requestId"])


def test_generate_rest_event_follows_configured_route():
    event = generate("apigateway-rest", "--config", TEST_SERVICE, "--method", "PUT",
                     "--path", "/Prod/users/abc")
    assert event["resource"] == "/users/{userid}"
    assert event["path"] == "/users/abc"
    assert event["pathParameters"] == {"userid": "abc"}
    assert event["body"] is None


def test_generate_rest_event_without_route_exits_1():
    result = run_lambdad("generate-event", "apigateway-rest", "--config", TEST_SERVICE,
                         "--path", "/nowhere")
    assert result.returncode == 1
    assert "API TestApi has no route for GET /nowhere" in result.stderr


def test_generate_http_event_without_config():
    event = generate("apigateway-http", "--method", "POST", "--path", "/orders/7?x=1",
                     "--body", '{"a": 1}', "--header", "Content-Type: application/json")
    assert event["version"] == "2.0"
    assert event["routeKey"] == "$default"
    assert event["rawPath"] == "/orders/7"
    assert event["rawQueryString"] == "x=1"
    assert event["requestContext"]["http"]["method"] == "POST"
    assert event["requestContext"]["http"]["path"] == "/orders/7"
    assert event["headers"]["content-type"] == "application/json"
    assert event["body"] == '{"a": 1}'
    assert event["isBase64Encoded"] is False


def test_generate_http_event_needs_http_api_in_config():
    result = run_lambdad("generate-event", "apigateway-http", "--config", TEST_SERVICE)
    assert result.returncode == 2
    assert "has no HTTP API" in result.stderr


def test_generate_event_rejects_unknown_source():
    result = run_lambdad("generate-event", "sqs")
    assert result.returncode == 2
    assert "sqs" in result.stderr


def test_generated_event_round_trips_through_echo():
    event = generate("apigateway-rest", "--config", TEST_SERVICE, "--path", "/echo/a/b")
    result = invoke("EchoFunction", "--in-memory", "--event", "-", stdin=json.dumps(event))
    assert result.returncode == 0, result.stderr
    assert json.loads(json.loads(result.stdout)["body"]) == event
