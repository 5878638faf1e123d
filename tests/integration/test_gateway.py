"""API Gateway's own responses: routing, stages, request ids and the payload size limit."""

import http.client
import json
import socket

import pytest

from lambdad_harness import REQUEST_TIMEOUT_S, assert_uuid, parse_raw_response, read_until_closed

# API Gateway's maximum payload size is 10 MB (Amazon API Gateway quotas, "Payload size").
MAX_PAYLOAD_BYTES = 10 * 1024 * 1024


def assert_missing_token(response):
    """Assert API Gateway's response to a request that matches no route and method."""
    assert response.status == 403, response
    assert response.json() == {"message": "Missing Authentication Token"}
    assert response.header("x-amzn-ErrorType") == "MissingAuthenticationTokenException"
    assert response.header("Content-Type") == "application/json"
    assert_uuid(response.header("x-amzn-RequestId"))


@pytest.mark.parametrize(
    "path",
    ["/", "/nothing", "/user", "/users/a/b", "/Prod", "/Prod/", "/Prod/nothing", "/Dev/users"],
)
def test_unknown_route_returns_403(users, path):
    assert_missing_token(users.request("GET", path))


@pytest.mark.parametrize(
    "method, path",
    [("PATCH", "/users"), ("DELETE", "/users"), ("PUT", "/users"), ("POST", "/users/u1"),
     ("OPTIONS", "/users"), ("PATCH", "/Prod/users/u1")],
)
def test_unknown_method_returns_403(users, method, path):
    assert_missing_token(users.request(method, path))


def test_unstaged_and_staged_paths_match(users):
    for path in ("/users", "/Prod/users", "/users/x", "/Prod/users/x"):
        response = users.request("GET", path)
        assert response.status == 200, (path, response)


def test_stage_name_is_case_sensitive(users):
    assert_missing_token(users.request("GET", "/prod/users"))


def test_request_ids_are_distinct(users):
    ids = []
    for path in ("/users", "/users/x", "/nothing") * 10:
        response = users.request("GET", path)
        ids.append(response.header("x-amzn-RequestId"))
    for request_id in ids:
        assert_uuid(request_id)
    assert len(set(ids)) == len(ids)


def test_keep_alive_serves_many_requests(users):
    """Several requests on one connection, each with its own request id."""
    connection = http.client.HTTPConnection(users.host, users.port, timeout=REQUEST_TIMEOUT_S)
    ids = set()
    try:
        for _ in range(10):
            connection.request("GET", "/users")
            reply = connection.getresponse()
            reply.read()
            assert reply.status == 200
            ids.add(reply.getheader("x-amzn-RequestId"))
    finally:
        connection.close()
    assert len(ids) == 10


def send_oversized_body(client, size):
    """POST a body of `size` bytes on a raw socket and return the parsed response.

    The server may respond and close before the whole body is sent, so a failed send is not
    an error here. The response is read either way.
    """
    head = (
        f"POST /users HTTP/1.1\r\nHost: {client.host}:{client.port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {size}\r\nConnection: close\r\n\r\n"
    ).encode()
    chunk = b"x" * 65536
    with socket.create_connection((client.host, client.port), timeout=REQUEST_TIMEOUT_S) as sock:
        sock.sendall(head)
        try:
            sent = 0
            while sent < size:
                part = chunk[: min(len(chunk), size - sent)]
                sock.sendall(part)
                sent += len(part)
        except (BrokenPipeError, ConnectionResetError):
            pass
        return parse_raw_response(read_until_closed(sock))


def test_body_over_limit_returns_413(users):
    response = send_oversized_body(users, MAX_PAYLOAD_BYTES + 1)
    assert response.status == 413, response
    after = users.request("GET", "/users")
    assert after.status == 200, after
    assert after.json() == []


def test_large_body_reaches_function(api):
    # 1 MB: far below API Gateway's limit and Lambda's 6 MB invocation payload limit
    # (AWS Lambda quotas), but over DynamoDB's 400 KB item limit, so it goes to the echo module.
    body = "p" * (1024 * 1024)
    response = api.request("POST", "/echo/large", body)
    assert response.status == 200, response
    assert json.loads(response.body)["body"] == body
