"""ListFunctions, GetFunction and the function concurrency operations of the Lambda API."""

import pytest
from botocore.exceptions import ClientError

from conftest import start_daemon
from lambda_clients import cli_json, lambda_client, run_cli
from lambdad_harness import CONFIG_DIR

ARN_PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:"


@pytest.fixture
def daemon(request, tmp_path):
    return start_daemon(request, tmp_path / "lambda", CONFIG_DIR / "lambda-service.yaml")


@pytest.fixture
def client(daemon):
    return lambda_client(daemon)


def test_cli_list_functions(daemon, tmp_path):
    listed = cli_json(daemon, tmp_path, "list-functions")

    names = [function["FunctionName"] for function in listed["Functions"]]
    assert names == sorted(names)
    assert "Probe" in names
    assert "EchoFunction" in names
    probe = next(f for f in listed["Functions"] if f["FunctionName"] == "Probe")
    assert probe["FunctionArn"] == ARN_PREFIX + "Probe"
    assert probe["Timeout"] == 3
    assert probe["MemorySize"] == 128
    assert probe["Version"] == "$LATEST"
    assert probe["Environment"] == {"Variables": {"STAGE": "test"}}
    assert probe["State"] == "Active"


def test_cli_list_functions_paginates(daemon, tmp_path):
    everything = cli_json(daemon, tmp_path, "list-functions")
    paged = cli_json(daemon, tmp_path, "list-functions", "--page-size", "2")

    assert [f["FunctionName"] for f in paged["Functions"]] == [
        f["FunctionName"] for f in everything["Functions"]
    ]


def test_boto3_list_functions_page(client):
    page = client.list_functions(MaxItems=2)

    assert len(page["Functions"]) == 2
    assert "NextMarker" in page
    rest = client.list_functions(Marker=page["NextMarker"])
    assert page["Functions"][-1]["FunctionName"] < rest["Functions"][0]["FunctionName"]


def test_cli_get_function(daemon, tmp_path):
    got = cli_json(daemon, tmp_path, "get-function", "--function-name", "Slow")

    assert got["Configuration"]["FunctionName"] == "Slow"
    assert got["Configuration"]["Timeout"] == 1
    assert "Code" in got
    assert "Concurrency" not in got
    hang = cli_json(daemon, tmp_path, "get-function", "--function-name", ARN_PREFIX + "Hang")
    assert hang["Concurrency"] == {"ReservedConcurrentExecutions": 2}


def test_get_unknown_function(client):
    with pytest.raises(ClientError) as raised:
        client.get_function(FunctionName="Nope")

    assert raised.value.response["Error"]["Code"] == "ResourceNotFoundException"
    assert raised.value.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_cli_put_and_delete_concurrency(daemon, tmp_path):
    put = cli_json(daemon, tmp_path, "put-function-concurrency", "--function-name", "Reservable",
                   "--reserved-concurrent-executions", "0")
    assert put == {"ReservedConcurrentExecutions": 0}
    got = cli_json(daemon, tmp_path, "get-function-concurrency", "--function-name", "Reservable")
    assert got == {"ReservedConcurrentExecutions": 0}
    # Reserved concurrency 0 throttles every invocation.
    done = run_cli(daemon, tmp_path, "invoke", "--function-name", "Reservable",
                   str(tmp_path / "out"))
    assert done.returncode != 0
    assert "TooManyRequestsException" in done.stderr

    deleted = run_cli(daemon, tmp_path, "delete-function-concurrency", "--function-name",
                      "Reservable")
    assert deleted.returncode == 0, deleted.stderr
    # The response is `{}`, for which the AWS CLI prints nothing.
    assert cli_json(daemon, tmp_path, "get-function-concurrency", "--function-name",
                    "Reservable") is None
    invoked = cli_json(daemon, tmp_path, "invoke", "--function-name", "Reservable",
                       str(tmp_path / "out"))
    assert invoked["StatusCode"] == 200


def test_put_concurrency_keeps_unreserved_minimum(client):
    # The configuration reserves 2 + 2 + 0 + 5 of the account's 1000.
    with pytest.raises(ClientError) as raised:
        client.put_function_concurrency(FunctionName="Reservable", ReservedConcurrentExecutions=900)
    error = raised.value.response
    assert error["Error"]["Code"] == "InvalidParameterValueException"
    assert "below its minimum value of [100]" in error["Error"]["Message"]

    answer = client.put_function_concurrency(
        FunctionName="Reservable", ReservedConcurrentExecutions=891
    )
    assert answer["ReservedConcurrentExecutions"] == 891
    got = client.get_function(FunctionName="Reservable")
    assert got["Concurrency"] == {"ReservedConcurrentExecutions": 891}


def test_unknown_operation(daemon):
    sent = daemon.aws_client.request("PATCH", "/2015-03-31/functions/Probe")

    assert sent.status == 404
    assert sent.header("x-amzn-ErrorType") == "UnknownOperationException"
