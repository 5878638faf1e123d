"""The Lambda Invoke API on the AWS endpoint, driven by the AWS CLI and boto3."""

import base64
import json

import pytest
from botocore.exceptions import ClientError

from conftest import start_daemon
from lambda_clients import cli_json, lambda_client, run_cli
from lambdad_harness import CONFIG_DIR, assert_uuid

ARN_PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:"


@pytest.fixture(scope="module")
def daemon(request, tmp_path_factory):
    """One daemon for the module: these tests leave every function as they found it."""
    work_dir = tmp_path_factory.mktemp("lambda-invoke")
    return start_daemon(request, work_dir, CONFIG_DIR / "lambda-service.yaml")


@pytest.fixture
def client(daemon):
    return lambda_client(daemon)


def cli_invoke(daemon, tmp_path, function, payload, *extra):
    """Run `aws lambda invoke`; return its JSON output and the payload file's text."""
    out = tmp_path / "out.json"
    args = ["invoke", "--function-name", function, "--cli-binary-format", "raw-in-base64-out"]
    if payload is not None:
        args += ["--payload", payload]
    result = cli_json(daemon, tmp_path, *args, *extra, str(out))
    return result, out.read_text()


def test_cli_request_response(daemon, tmp_path):
    result, payload = cli_invoke(daemon, tmp_path, "Probe", '{"name": "ada"}')

    assert result["StatusCode"] == 200
    assert result["ExecutedVersion"] == "$LATEST"
    assert "FunctionError" not in result
    assert json.loads(json.loads(payload)["event"]) == {"name": "ada"}


def test_cli_function_error(daemon, tmp_path):
    result, payload = cli_invoke(daemon, tmp_path, "Failing", "{}")

    assert result["StatusCode"] == 200
    assert result["FunctionError"] == "Unhandled"
    body = json.loads(payload)
    assert body["errorType"] == "InvalidInput"
    assert body["errorMessage"] == "the input was rejected"
    assert body["stackTrace"] == []


def test_cli_log_tail(daemon, tmp_path):
    result, _ = cli_invoke(daemon, tmp_path, "Probe", "{}", "--log-type", "Tail")

    log = base64.b64decode(result["LogResult"]).decode()
    assert "START RequestId: " in log
    assert "\tprobe invoked\n" in log
    assert "END RequestId: " in log
    assert "REPORT RequestId: " in log
    assert "Billed Duration: " in log


def test_cli_event_and_dry_run(daemon, tmp_path):
    event, payload = cli_invoke(daemon, tmp_path, "EchoFunction", "{}", "--invocation-type", "Event")
    assert event["StatusCode"] == 202
    assert payload == ""
    dry, payload = cli_invoke(daemon, tmp_path, "EchoFunction", "{}", "--invocation-type", "DryRun")
    assert dry["StatusCode"] == 204
    assert payload == ""


def test_cli_function_name_forms(daemon, tmp_path):
    for name in ["Probe", "Probe:live", "Probe:$LATEST", "123456789012:function:Probe",
                 ARN_PREFIX + "Probe", ARN_PREFIX + "Probe:live"]:
        result, _ = cli_invoke(daemon, tmp_path, name, "{}")
        assert result["StatusCode"] == 200, name
        assert result["ExecutedVersion"] == "$LATEST", name


def test_cli_unknown_function(daemon, tmp_path):
    done = run_cli(daemon, tmp_path, "invoke", "--function-name", "Nope", str(tmp_path / "o"))

    assert done.returncode != 0
    assert "ResourceNotFoundException" in done.stderr
    assert f"Function not found: {ARN_PREFIX}Nope" in done.stderr


def test_cli_unknown_qualifier(daemon, tmp_path):
    done = run_cli(daemon, tmp_path, "invoke", "--function-name", "Probe", "--qualifier", "7",
                   str(tmp_path / "o"))

    assert done.returncode != 0
    assert "ResourceNotFoundException" in done.stderr
    assert f"{ARN_PREFIX}Probe:7" in done.stderr


def test_cli_invalid_json(daemon, tmp_path):
    done = run_cli(daemon, tmp_path, "invoke", "--function-name", "Probe", "--cli-binary-format",
                   "raw-in-base64-out", "--payload", "{not json", str(tmp_path / "o"))

    assert done.returncode != 0
    assert "InvalidRequestContentException" in done.stderr


def test_boto3_request_response(client):
    answer = client.invoke(FunctionName="Probe", Payload=b'{"n": 1}')

    assert answer["StatusCode"] == 200
    assert answer["ExecutedVersion"] == "$LATEST"
    assert "FunctionError" not in answer
    assert_uuid(answer["ResponseMetadata"]["RequestId"])
    body = json.loads(answer["Payload"].read())
    assert json.loads(body["event"]) == {"n": 1}
    assert body["remaining_time_ms"] > 0


def test_boto3_client_context_reaches_function(client):
    # Invoke, Lambda API reference: ClientContext is base64 JSON passed to the function's
    # context object. The Probe module returns what its context holds.
    context = {"client": {"app_title": "lambdad tests"}, "custom": {"k": "v"}}
    encoded = base64.b64encode(json.dumps(context).encode()).decode()
    answer = client.invoke(FunctionName="Probe", ClientContext=encoded, Payload=b"{}")
    body = json.loads(answer["Payload"].read())
    assert json.loads(body["client_context"]) == context
    without = json.loads(client.invoke(FunctionName="Probe", Payload=b"{}")["Payload"].read())
    assert without["client_context"] == ""


def test_boto3_empty_payload_is_object(client):
    answer = client.invoke(FunctionName="Probe")

    assert json.loads(json.loads(answer["Payload"].read())["event"]) == {}


def test_boto3_function_error(client):
    answer = client.invoke(FunctionName="Failing", Payload=b"{}")

    assert answer["StatusCode"] == 200
    assert answer["FunctionError"] == "Unhandled"
    assert json.loads(answer["Payload"].read())["errorType"] == "InvalidInput"


def test_boto3_log_tail(client):
    answer = client.invoke(FunctionName="Probe", Payload=b"{}", LogType="Tail")

    log = base64.b64decode(answer["LogResult"]).decode()
    request_id = answer["ResponseMetadata"]["RequestId"]
    assert f"START RequestId: {request_id} Version: $LATEST" in log
    assert f"{request_id}\tprobe invoked" in log
    assert f"REPORT RequestId: {request_id}\t" in log


def test_boto3_event_runs_function(client):
    before = json.loads(client.invoke(FunctionName="Probe")["Payload"].read())["total_invocations"]
    answer = client.invoke(FunctionName="Probe", InvocationType="Event", Payload=b"{}")
    assert answer["StatusCode"] == 202
    # Each synchronous call below adds one to the count; the event adds one more once it ran.
    event_runs = 0
    for calls in range(1, 201):
        after = json.loads(client.invoke(FunctionName="Probe")["Payload"].read())[
            "total_invocations"
        ]
        event_runs = after - before - calls
        if event_runs >= 1:
            break
    assert event_runs == 1


def test_boto3_dry_run(client):
    answer = client.invoke(FunctionName="Probe", InvocationType="DryRun")

    assert answer["StatusCode"] == 204


def test_boto3_client_context(client):
    context = base64.b64encode(json.dumps({"custom": {"a": "b"}}).encode()).decode()
    answer = client.invoke(FunctionName="Probe", ClientContext=context)
    assert answer["StatusCode"] == 200

    with pytest.raises(ClientError) as raised:
        client.invoke(FunctionName="Probe", ClientContext="not base64!")
    assert raised.value.response["Error"]["Code"] == "InvalidRequestContentException"


def test_boto3_errors(client):
    cases = [
        ({"FunctionName": "Nope"}, 404, "ResourceNotFoundException"),
        ({"FunctionName": "Probe", "Qualifier": "nope"}, 404, "ResourceNotFoundException"),
        ({"FunctionName": "Probe:live", "Qualifier": "other"}, 400,
         "InvalidParameterValueException"),
        ({"FunctionName": "Probe", "Payload": b"[1,"}, 400, "InvalidRequestContentException"),
        ({"FunctionName": "Probe", "Payload": b" " * (6 * 1024 * 1024 + 1)}, 413,
         "RequestTooLargeException"),
        ({"FunctionName": "arn:aws:lambda:eu-west-1:123456789012:function:Probe"}, 404,
         "ResourceNotFoundException"),
    ]
    for arguments, status, code in cases:
        with pytest.raises(ClientError) as raised:
            client.invoke(**arguments)
        error = raised.value.response
        assert error["ResponseMetadata"]["HTTPStatusCode"] == status, arguments["FunctionName"]
        assert error["Error"]["Code"] == code, arguments["FunctionName"]
        assert error["ResponseMetadata"]["HTTPHeaders"]["x-amzn-errortype"] == code


def test_foreign_arn_not_found_names_that_arn(client):
    # A function of another region or account does not exist here; the 404 names the ARN the
    # caller sent, as for an unknown name.
    for arn in ["arn:aws:lambda:eu-west-1:123456789012:function:Probe",
                "arn:aws:lambda:us-east-1:999999999999:function:Probe"]:
        with pytest.raises(ClientError) as raised:
            client.invoke(FunctionName=arn)
        assert raised.value.response["Error"]["Message"] == f"Function not found: {arn}"


def test_not_found_body_shape(daemon):
    sent = daemon.aws_client.request(
        "POST", "/2015-03-31/functions/Nope/invocations", body=b"{}"
    )

    assert sent.status == 404
    assert sent.header("x-amzn-ErrorType") == "ResourceNotFoundException"
    assert sent.json() == {"Type": "User", "message": f"Function not found: {ARN_PREFIX}Nope"}
    assert_uuid(sent.header("x-amzn-RequestId"))


def test_reserved_zero_throttles(client, daemon):
    with pytest.raises(ClientError) as raised:
        client.invoke(FunctionName="Zero", Payload=b"{}")
    error = raised.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert error["Error"]["Code"] == "TooManyRequestsException"
    assert error["Reason"] == "ReservedFunctionConcurrentInvocationLimitExceeded"

    sent = daemon.aws_client.request("POST", "/2015-03-31/functions/Zero/invocations", body=b"{}")
    assert sent.status == 429
    assert sent.json() == {
        "Reason": "ReservedFunctionConcurrentInvocationLimitExceeded",
        "Type": "User",
        "message": "Rate Exceeded.",
    }


def test_gateway_answers_throttled_integration(daemon):
    # API Gateway returns 500 Internal server error for a throttled Lambda proxy integration.
    sent = daemon.client.request("GET", "/Prod/throttled")

    assert sent.status == 500
    assert sent.json() == {"message": "Internal server error"}
