"""REST APIs (payload format 1.0): the rules beyond the Users service, checked over HTTP
against the real daemon.

Each test names the page of the Amazon API Gateway developer guide that it follows. Where the
guide is silent, docs/compatibility.md states the choice lambdad makes.
"""

import base64
import json
import socket
import subprocess

import pytest

from conftest import start_daemon
from lambdad_harness import CONFIG_DIR, lambdad_binary

MISSING_TOKEN = {"message": "Missing Authentication Token"}


@pytest.fixture(scope="module")
def daemon(request, tmp_path_factory):
    return start_daemon(request, tmp_path_factory.mktemp("rest-api"), CONFIG_DIR / "rest-api.yaml")


@pytest.fixture
def api(daemon):
    return daemon.client


def raw(api, method, target, headers="", body=b""):
    """Send one request byte for byte, so that nothing is normalised on the way."""
    head = f"{method} {target} HTTP/1.1\r\nHost: {api.host}:{api.port}\r\n{headers}"
    if body:
        head += f"Content-Length: {len(body)}\r\n"
    data = (head + "Connection: close\r\n\r\n").encode("latin-1") + body
    return api.raw(data)


def echo(api, method, target, headers="", body=b""):
    response = raw(api, method, target, headers, body)
    assert response.status == 200, response
    return json.loads(response.body)


def assert_missing_token(response):
    assert response.status == 403, response
    assert json.loads(response.body) == MISSING_TOKEN
    assert response.header("x-amzn-ErrorType") == "MissingAuthenticationTokenException"
    assert response.header("x-amzn-RequestId")
    assert response.header("x-amz-apigw-id")


# "Set up a method request": a specific resource wins over a generic one at the same level.
@pytest.mark.parametrize(
    "path, resource",
    [("/things/special", "/things/special"), ("/things/other", "/things/{name}"),
     ("/users/7", "/users/{id}"), ("/elsewhere/a/b", "/{proxy+}")],
)
def test_specific_resource_wins(api, path, resource):
    assert echo(api, "GET", path)["resource"] == resource


# Same page: {proxy+} does not cover a sibling subtree that has resources of its own, so a
# method missing there gives 403.
@pytest.mark.parametrize("method, path", [("POST", "/users/7"), ("DELETE", "/things/special")])
def test_proxy_does_not_cover_sibling(api, method, path):
    assert_missing_token(raw(api, method, path))


# "Working with binary media types for REST APIs": a request whose Content-Type is a binary
# media type arrives base64-encoded.
def test_binary_request_base64(api):
    body = b"\x89PNG\r\n\x1a\n\x00\xff"
    event = echo(api, "POST", "/upload", "Content-Type: image/png\r\n", body)
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == body


def test_text_request_stays_text(api):
    event = echo(api, "POST", "/upload", "Content-Type: text/plain\r\n", b"plain words")
    assert event["isBase64Encoded"] is False
    assert event["body"] == "plain words"


# "Return binary media from a Lambda proxy integration": a base64 result is decoded only when
# the first Accept media type is a binary media type.
def test_binary_response_decoded_for_accept(api):
    response = raw(api, "GET", "/answer/png", "Accept: image/png, */*\r\n")
    assert response.status == 200, response
    assert response.body == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("accept", ["", "Accept: text/html, image/png\r\n"])
def test_binary_response_text_otherwise(api, accept):
    response = raw(api, "GET", "/answer/png", accept)
    assert response.status == 200, response
    assert response.body == b"iVBORw0KGgo="


# "Set up Lambda proxy integrations": stageVariables carries the stage's variables.
def test_stage_variables_passed(api):
    event = echo(api, "GET", "/Prod/users/7")
    assert event["stageVariables"] == {"table": "Users-dev", "color": "green"}
    assert event["requestContext"]["stage"] == "Prod"
    assert event["requestContext"]["path"] == "/Prod/users/7"


# API Gateway has no implicit HEAD: a resource without HEAD or ANY gives 403, with no body.
def test_head_without_method_returns_403(api):
    response = raw(api, "HEAD", "/get-only")
    assert response.status == 403, response
    assert response.body == b""


def test_head_reaches_any_route(api):
    response = raw(api, "HEAD", "/any")
    assert response.status == 200, response
    assert response.body == b""
    assert int(response.header("Content-Length")) > 0


# SAM's Cors property: the mock method responds to OPTIONS on a resource without an OPTIONS
# method, with the configured headers.
def test_options_answered_from_cors(api):
    response = raw(api, "OPTIONS", "/get-only", "Origin: https://app.example\r\n")
    assert response.status == 200, response
    assert response.header("Access-Control-Allow-Origin") == "https://app.example"
    assert response.header("Access-Control-Allow-Methods") == "GET,POST,OPTIONS"
    assert response.header("Access-Control-Allow-Headers") == "Content-Type,X-Api-Key"
    assert response.header("Access-Control-Max-Age") == "600"


def test_explicit_options_route_reaches_function(api):
    event = echo(api, "OPTIONS", "/explicit-options", "Origin: https://app.example\r\n")
    assert event["httpMethod"] == "OPTIONS"


def test_options_on_unknown_resource_returns_403(api):
    assert_missing_token(raw(api, "OPTIONS", "/users/7/none/such"))


# "Set up Lambda proxy integrations" (output format): multiValueHeaders values come first,
# then headers, in one line per name with the case of multiValueHeaders.
def test_response_headers_merged(api):
    response = raw(api, "GET", "/answer/merge")
    assert response.status == 200, response
    both = [(name, value) for name, value in response.headers if name.lower() == "x-both"]
    assert both == [("X-Both", "m1, m2, h1")]
    assert response.header("X-Single") == "s"
    assert response.header_values("Set-Cookie") == ["a=1", "b=2"]


# "Gateway response types for API Gateway": a failed integration is 502 Internal server error.
def test_function_error_returns_502(api):
    response = raw(api, "GET", "/answer/error")
    assert response.status == 502, response
    assert json.loads(response.body) == {"message": "Internal server error"}
    assert response.header("x-amzn-ErrorType") == "InternalServerErrorException"
    assert response.header("x-amz-apigw-id")


# Same page, INTEGRATION_TIMEOUT: 504 once the integration timeout has passed.
def test_integration_timeout_returns_504(api):
    response = raw(api, "GET", "/restapis/restslow01/Prod/_user_request_/answer/slow")
    assert response.status == 504, response
    assert json.loads(response.body) == {"message": "Endpoint request timed out"}
    assert response.header("x-amzn-ErrorType") == "IntegrationTimeoutException"
    assert response.header("x-amzn-RequestId")


# "AWS Lambda quotas": a function result over 6 MB fails the invocation, which the REST API
# reports as 502.
def test_response_over_6mb_returns_502(api):
    body = b"y" * (6 * 1024 * 1024 + 1)
    response = raw(api, "POST", "/upload", "Content-Type: text/plain\r\n", body)
    assert response.status == 502, response
    assert json.loads(response.body) == {"message": "Internal server error"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def two_api_config(tmp_path, port):
    text = (CONFIG_DIR / "rest-api.yaml").read_text()
    text += (
        "  SecondApi:\n"
        "    type: HTTP\n"
        "    api_id: secondapi1\n"
        f"    port: {port}\n"
        "    routes:\n"
        "      - {method: GET, path: /second, function: EchoFunction}\n"
    )
    path = tmp_path / "two-apis.yaml"
    path.write_text(text)
    return path


# Several APIs in one daemon: an API with a port of its own is served there, alone.
def test_api_served_on_own_port(request, tmp_path):
    port = free_port()
    daemon = start_daemon(request, tmp_path / "daemon", two_api_config(tmp_path, port))
    own = type(daemon.client)("127.0.0.1", port)
    event = echo(own, "GET", "/second")
    assert event["requestContext"]["apiId"] == "secondapi1"
    missing = raw(own, "GET", "/users/7")
    assert missing.status == 404, missing
    # The main port serves both APIs.
    assert echo(daemon.client, "GET", "/restapis/secondapi1/$default/_user_request_/second")
    assert echo(daemon.client, "GET", "/users/7")["resource"] == "/users/{id}"


def test_routes_lists_every_api(tmp_path):
    config = two_api_config(tmp_path, 4999)
    result = subprocess.run([lambdad_binary(), "routes", "--config", str(config)],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any("restapis/restconf01/Prod/_user_request_/" in line for line in lines), lines
    assert any("secondapi1.execute-api.localhost" in line for line in lines), lines
    assert any("http://127.0.0.1:4999/" in line for line in lines), lines
    route_lines = [line for line in lines if line.endswith("/second -> EchoFunction")]
    assert route_lines, lines
    assert route_lines[0].startswith("GET "), route_lines


# Bytes that are not UTF-8 in a text body cannot be put into the JSON event as they are; they
# arrive as U+FFFD (see docs/compatibility.md).
def test_invalid_utf8_text_body_replaced(api):
    event = echo(api, "POST", "/upload", "Content-Type: text/plain\r\n", b"caf\xe9 \xff!")
    assert event["isBase64Encoded"] is False
    assert event["body"] == "caf\ufffd \ufffd!"


# "Set up Lambda proxy integrations": path parameters stay percent-encoded, %2F included.
def test_encoded_slash_stays_in_parameter(api):
    event = echo(api, "GET", "/users/a%2Fb%20c")
    assert event["resource"] == "/users/{id}"
    assert event["path"] == "/users/a%2Fb%20c"
    assert event["pathParameters"] == {"id": "a%2Fb%20c"}


# "Set up Lambda proxy integrations" (output format): multiValueHeaders and headers both
# reach the function from repeated request headers sent byte for byte.
def test_repeated_request_headers(api):
    event = echo(api, "GET", "/users/7", "X-Rep: one\r\nx-rep: two\r\nCookie: a=1; b=2\r\n")
    assert event["headers"]["X-Rep"] == "two"
    assert event["multiValueHeaders"]["X-Rep"] == ["one", "two"]
    assert event["headers"]["Cookie"] == "a=1; b=2"


# A function that runs past its own timeout before the integration timeout is a function
# error, so the REST API returns 502 ("Set up Lambda proxy integrations in API Gateway").
def test_function_timeout_returns_502(api):
    response = raw(api, "GET", "/answer/self-timeout")
    assert response.status == 502, response
    assert json.loads(response.body) == {"message": "Internal server error"}
