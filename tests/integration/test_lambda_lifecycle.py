"""Execution environment lifecycle, timeouts and concurrency, seen through the Invoke API."""

import base64
import json
import re
import threading
import time

import pytest
from botocore.exceptions import ClientError

from conftest import start_daemon
from lambda_clients import lambda_client
from lambdad_harness import CONFIG_DIR


@pytest.fixture
def daemon(request, tmp_path):
    return start_daemon(request, tmp_path / "lambda", CONFIG_DIR / "lambda-service.yaml")


@pytest.fixture
def client(daemon):
    return lambda_client(daemon)


def invoke(client, function, **arguments):
    """Invoke synchronously; return the answer with its Payload parsed."""
    answer = client.invoke(FunctionName=function, **arguments)
    answer["Body"] = json.loads(answer["Payload"].read())
    return answer


def tail(answer):
    return base64.b64decode(answer["LogResult"]).decode()


def invoke_in_parallel(client, function, count):
    """Invoke `function` `count` times at once; return each answer or ClientError."""
    results = [None] * count

    def call(index):
        try:
            results[index] = invoke(client, function)
        except ClientError as error:
            results[index] = error

    threads = [threading.Thread(target=call, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_warm_environment_is_reused(client):
    first = invoke(client, "Probe", LogType="Tail")
    second = invoke(client, "Probe", LogType="Tail")

    assert first["Body"]["environment"] == second["Body"]["environment"]
    assert second["Body"]["environment_invocations"] == first["Body"]["environment_invocations"] + 1
    assert "Init Duration: " in tail(first)
    assert "Init Duration: " not in tail(second)
    assert re.search(r"Max Memory Used: \d+ MB", tail(second))


def test_timeout_answers_and_discards_environment(client):
    answer = invoke(client, "Slow", LogType="Tail")

    assert answer["StatusCode"] == 200
    assert answer["FunctionError"] == "Unhandled"
    assert answer["Body"]["errorType"] == "Sandbox.Timedout"
    request_id = answer["ResponseMetadata"]["RequestId"]
    assert re.fullmatch(
        rf"RequestId: {request_id} Error: Task timed out after \d+\.\d\d seconds",
        answer["Body"]["errorMessage"],
    )
    assert "Status: timeout" in tail(answer)
    # The next invocation gets a fresh environment: a cold start again.
    again = invoke(client, "Slow", LogType="Tail")
    assert again["Body"]["errorType"] == "Sandbox.Timedout"
    assert "Task timed out" in again["Body"]["errorMessage"]


def test_hanging_handler_is_contained(client, daemon):
    results = invoke_in_parallel(client, "Hang", 2)
    for answer in results:
        assert not isinstance(answer, ClientError), answer
        assert answer["FunctionError"] == "Unhandled"
        assert answer["Body"]["errorType"] == "Sandbox.Timedout"

    # Both stuck handlers still hold the function's reserved concurrency of 2.
    with pytest.raises(ClientError) as raised:
        client.invoke(FunctionName="Hang")
    assert raised.value.response["Error"]["Code"] == "TooManyRequestsException"
    assert raised.value.response["Reason"] == "ReservedFunctionConcurrentInvocationLimitExceeded"

    # The daemon keeps serving other functions and the gateway.
    assert invoke(client, "Probe")["StatusCode"] == 200
    assert daemon.client.request("GET", "/Prod/echo").status == 200


def test_gateway_times_out_hanging_function(daemon):
    sent = daemon.client.request("GET", "/Prod/hang")

    assert sent.status == 502
    assert sent.json() == {"message": "Internal server error"}


def test_init_failure_is_retried(client):
    failed = invoke(client, "FlakyInit")
    retried = invoke(client, "FlakyInit")

    assert failed["FunctionError"] == "Unhandled"
    assert failed["Body"]["errorType"] == "Runtime.InitError"
    assert "init attempt 1 fails on purpose" in failed["Body"]["errorMessage"]
    assert "FunctionError" not in retried
    assert retried["Body"]["environment_invocations"] == 1


def test_init_timeout(client):
    answer = invoke(client, "SlowInit")

    assert answer["FunctionError"] == "Unhandled"
    assert answer["Body"]["errorType"] == "Sandbox.Timedout"


def test_parallel_environments_up_to_cap(client):
    results = invoke_in_parallel(client, "Capped", 3)

    served = [r for r in results if not isinstance(r, ClientError)]
    throttled = [r for r in results if isinstance(r, ClientError)]
    assert len(served) == 2
    assert len(throttled) == 1
    assert served[0]["Body"]["environment"] != served[1]["Body"]["environment"]
    assert throttled[0].response["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert throttled[0].response["Reason"] == "ReservedFunctionConcurrentInvocationLimitExceeded"


def test_provisioned_environments_are_warm(client):
    first = invoke(client, "Provisioned", LogType="Tail")

    assert "FunctionError" not in first
    assert "Init Duration: " not in tail(first)


def test_idle_environment_shuts_down(client):
    first = invoke(client, "Idle")
    # The function's idle timeout is 1 s; wait past it.
    time.sleep(2.5)
    later = invoke(client, "Idle", LogType="Tail")

    assert later["Body"]["environment"] != first["Body"]["environment"]
    assert "Init Duration: " in tail(later)


def test_account_limit_throttles(request, tmp_path):
    daemon = start_daemon(request, tmp_path / "account", CONFIG_DIR / "lambda-account.yaml")
    client = lambda_client(daemon)
    for answer in invoke_in_parallel(client, "Hang", 2):
        assert not isinstance(answer, ClientError), answer
        assert answer["Body"]["errorType"] == "Sandbox.Timedout"

    # The two stuck handlers hold the account's whole concurrency.
    with pytest.raises(ClientError) as raised:
        client.invoke(FunctionName="EchoFunction", Payload=b"{}")
    error = raised.value.response
    assert error["ResponseMetadata"]["HTTPStatusCode"] == 429
    assert error["Error"]["Code"] == "TooManyRequestsException"
    assert error["Reason"] == "ConcurrentInvocationLimitExceeded"
