"""The AWS endpoint: one listener next to the API that serves the AWS-compatible APIs."""

import json

from lambdad_harness import assert_uuid


def test_unknown_path_is_unknown_operation(users_daemon):
    response = users_daemon.aws_client.request("GET", "/no/such/api?x=1")
    assert response.status == 404, response
    assert response.header("x-amzn-ErrorType") == "UnknownOperationException"
    assert response.header("Content-Type") == "application/json"
    assert_uuid(response.header("x-amzn-RequestId"))
    message = json.loads(response.body)["message"]
    assert message == "No AWS API on this endpoint handles GET /no/such/api", message


def test_unknown_target_is_unknown_operation(users_daemon):
    headers = {"X-Amz-Target": "NoSuchService_20200101.DoThing",
               "Content-Type": "application/x-amz-json-1.0"}
    response = users_daemon.aws_client.request("POST", "/no/such/api", body="{}", headers=headers)
    assert response.status == 404, response
    assert response.header("x-amzn-ErrorType") == "UnknownOperationException"


def test_api_port_does_not_serve_aws_requests(users_daemon):
    # The same request on the API port is an API Gateway request with no matching route.
    response = users_daemon.client.request("GET", "/no/such/api")
    assert response.status == 403, response
    assert response.header("x-amzn-ErrorType") == "MissingAuthenticationTokenException"


def test_unknown_path_with_invalid_utf8_gets_valid_json(users_daemon):
    # Raw bytes that are not UTF-8 in the path must not reach the JSON body as they are.
    request = b"GET /users/\xff\xfe HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    response = users_daemon.aws_client.raw(request)
    assert response.status == 404, response
    message = json.loads(response.body.decode("utf-8"))["message"]
    assert message == "No AWS API on this endpoint handles GET /users/\ufffd\ufffd", message


def test_dynamodb_health_check_path_is_exact(users_daemon):
    assert users_daemon.aws_client.request("GET", "/").status == 200
    response = users_daemon.aws_client.request("GET", "/other")
    assert response.status == 404, response
    assert response.header("x-amzn-ErrorType") == "UnknownOperationException"
