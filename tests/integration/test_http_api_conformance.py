"""HTTP APIs (API Gateway v2): payload format 2.0 and 1.0 events, routing, response mapping,
stages, CORS, errors and limits, checked over HTTP against the real daemon.

Each test names the page of the Amazon API Gateway developer guide that it follows. Where the
guide is silent, docs/compatibility.md states the choice lambdad makes.
"""

import base64
import json
import re
import socket

import pytest

from conftest import start_daemon
from lambdad_harness import CONFIG_DIR, REQUEST_TIMEOUT_S, parse_raw_response, read_until_closed

HTTP_API = "httpapi001"
STAGED_API = "stagedapi1"
REST_API = "restapi001"


@pytest.fixture(scope="module")
def daemon(request, tmp_path_factory):
    return start_daemon(request, tmp_path_factory.mktemp("http-api"), CONFIG_DIR / "http-api.yaml")


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
    """Send a request to an echo route and return the event the function received."""
    response = raw(api, method, target, headers, body)
    assert response.status == 200, response
    return json.loads(response.body)


# "Create AWS Lambda proxy integrations for HTTP APIs in API Gateway": the 2.0 event.
def test_event_top_level_fields(api):
    event = echo(api, "GET", "/pets/dog/7?b=2&a=1")
    assert event["version"] == "2.0"
    assert event["routeKey"] == "GET /pets/dog/{id}"
    assert event["rawPath"] == "/pets/dog/7"
    assert event["rawQueryString"] == "b=2&a=1"
    assert event["pathParameters"] == {"id": "7"}
    assert event["stageVariables"] == {"color": "blue"}
    assert event["isBase64Encoded"] is False
    assert "body" not in event
    assert "multiValueHeaders" not in event


# Same page: rawQueryString is the query exactly as sent; queryStringParameters decodes it and
# joins repeated keys with commas.
def test_query_string_raw_and_joined(api):
    event = echo(api, "GET", "/pets/dog/7?tag=one&tag=two%20words&name=J%C3%B6rg&plus=a+b")
    assert event["rawQueryString"] == "tag=one&tag=two%20words&name=J%C3%B6rg&plus=a+b"
    parameters = event["queryStringParameters"]
    assert parameters["tag"] == "one,two words"
    assert parameters["name"] == "J\u00f6rg"
    assert parameters["plus"] == "a b"


def test_no_query_string_leaves_parameters_out(api):
    event = echo(api, "GET", "/pets/dog/7")
    assert event["rawQueryString"] == ""
    assert "queryStringParameters" not in event


# Same page: header names are lower-cased and repeated headers are joined with commas.
def test_headers_lowercased_and_joined(api):
    event = echo(api, "GET", "/pets/dog/7", "X-Mixed: one\r\nx-MIXED: two\r\nX-Single: s\r\n")
    assert event["headers"]["x-mixed"] == "one,two"
    assert event["headers"]["x-single"] == "s"
    assert "X-Mixed" not in event["headers"]


# Same page: every cookie of the Cookie headers goes to `cookies`, in order, and the Cookie
# header is not in `headers`.
def test_cookies_collected_in_order(api):
    event = echo(api, "GET", "/pets/dog/7", "Cookie: a=1; b=2\r\nCookie: c=3;d=x%20y\r\n")
    assert event["cookies"] == ["a=1", "b=2", "c=3", "d=x%20y"]
    assert "cookie" not in event["headers"]


def test_request_context_fields(api):
    event = echo(api, "GET", "/pets/dog/7", "User-Agent: conformance/1\r\n")
    context = event["requestContext"]
    assert context["accountId"] == "123456789012"
    assert context["apiId"] == HTTP_API
    assert context["domainName"] == f"{api.host}:{api.port}"
    assert context["domainPrefix"] == api.host.split(".")[0]
    assert context["http"] == {
        "method": "GET",
        "path": "/pets/dog/7",
        "protocol": "HTTP/1.1",
        "sourceIp": "127.0.0.1",
        "userAgent": "conformance/1",
    }
    assert context["routeKey"] == "GET /pets/dog/{id}"
    assert context["stage"] == "$default"
    assert re.fullmatch(r"\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d \+0000", context["time"])
    assert isinstance(context["timeEpoch"], int) and context["timeEpoch"] > 1_600_000_000_000


# Same page: requestId is also returned to the client in apigw-requestid.
def test_request_id_in_apigw_requestid(api):
    response = raw(api, "GET", "/pets/dog/7")
    event = json.loads(response.body)
    assert response.header("apigw-requestid") == event["requestContext"]["requestId"]
    assert response.header("x-amz-apigw-id") is None


# Same page: text bodies arrive as they are.
@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "text/csv; charset=utf-8", "application/json", "application/xml",
     "application/javascript"],
)
def test_text_body_passed_as_text(api, content_type):
    event = echo(api, "POST", "/echo", f"Content-Type: {content_type}\r\n", b"caf\xc3\xa9 <b/>")
    assert event["body"] == "caf\u00e9 <b/>"
    assert event["isBase64Encoded"] is False


# Same page: any other body, including one without a Content-Type, is base64-encoded.
@pytest.mark.parametrize(
    "headers", ["Content-Type: application/octet-stream\r\n", "Content-Type: image/png\r\n", ""]
)
def test_binary_body_base64_encoded(api, headers):
    body = b"\x00\x01\xfe\xff not utf-8 \xc3\x28"
    event = echo(api, "POST", "/echo", headers, body)
    assert event["isBase64Encoded"] is True
    assert base64.b64decode(event["body"]) == body


# "Create routes for HTTP APIs in API Gateway": API Gateway decodes path parameters.
def test_path_parameter_percent_decoded(api):
    event = echo(api, "GET", "/pets/dog/a%20b%2Fc")
    assert event["rawPath"] == "/pets/dog/a%20b%2Fc"
    assert event["pathParameters"] == {"id": "a b/c"}


# "Create routes for HTTP APIs in API Gateway", routing API requests: a full match wins, then
# a greedy path variable, then ANY on a less specific path.
@pytest.mark.parametrize(
    "method, path, route_key, parameters",
    [
        ("GET", "/pets/dog/1", "GET /pets/dog/1", None),
        ("GET", "/pets/dog/2", "GET /pets/dog/{id}", {"id": "2"}),
        ("GET", "/pets/cat/1", "GET /pets/{proxy+}", {"proxy": "cat/1"}),
        ("POST", "/pets/cat", "ANY /{proxy+}", {"proxy": "pets/cat"}),
        ("DELETE", "/pets/dog/1", "ANY /{proxy+}", {"proxy": "pets/dog/1"}),
        ("PUT", "/echo", "ANY /{proxy+}", {"proxy": "echo"}),
    ],
)
def test_route_priority(api, method, path, route_key, parameters):
    event = echo(api, method, path)
    assert event["routeKey"] == route_key
    assert event.get("pathParameters") == parameters


# Same page: a request that no route matches gets 404 {"message":"Not Found"}.
def test_unmatched_request_returns_404(api):
    response = raw(api, "GET", "/")
    assert response.status == 404, response
    assert json.loads(response.body) == {"message": "Not Found"}
    assert response.header("Content-Type") == "application/json"
    assert response.header("apigw-requestid")
    assert response.header("x-amzn-RequestId") == response.header("apigw-requestid")
    assert response.header("x-amzn-ErrorType") == "NotFoundException"


# Same page: the $default route catches what no other route matches, with the full path.
def test_default_route_catches_everything(api):
    event = echo(api, "PATCH", f"/restapis/{STAGED_API}/beta/_user_request_/any/thing?x=1")
    assert event["routeKey"] == "$default"
    assert event["rawPath"] == "/beta/any/thing"
    assert "pathParameters" not in event


# "Working with stages for HTTP APIs": a named stage is part of the URL and of rawPath.
def test_named_stage_in_url_and_raw_path(api):
    event = echo(api, "GET", "/beta/only", f"Host: {STAGED_API}.execute-api.localhost\r\n")
    assert event["routeKey"] == "GET /only"
    assert event["rawPath"] == "/beta/only"
    assert event["requestContext"]["stage"] == "beta"
    assert event["requestContext"]["http"]["path"] == "/beta/only"


def test_named_stage_required(api):
    response = raw(api, "GET", "/only", f"Host: {STAGED_API}.execute-api.localhost\r\n")
    assert response.status == 404, response
    assert json.loads(response.body) == {"message": "Not Found"}


# "Create AWS Lambda proxy integrations for HTTP APIs in API Gateway": payload format 1.0 can
# be chosen per integration.
def test_payload_format_1_on_http_api(api):
    event = echo(api, "GET", "/items/42?a=1&a=2", "X-Rep: one\r\nX-Rep: two\r\n")
    assert event["version"] == "1.0"
    assert event["resource"] == "/items/{id}"
    assert event["path"] == "/items/42"
    assert event["httpMethod"] == "GET"
    assert event["pathParameters"] == {"id": "42"}
    assert event["multiValueQueryStringParameters"] == {"a": ["1", "2"]}
    assert event["multiValueHeaders"]["X-Rep"] == ["one", "two"]
    assert event["requestContext"]["stage"] == "$default"
    assert event["requestContext"]["path"] == "/items/42"


# Same page, response format 2.0: statusCode, headers, cookies (one Set-Cookie each), body.
def test_response_with_cookies(api):
    response = raw(api, "GET", "/answer/cookies")
    assert response.status == 201, response
    assert response.body == b"made"
    assert response.header("Content-Type") == "text/plain"
    assert response.header("X-Two") == "a,b"
    assert response.header_values("Set-Cookie") == ["a=1; Path=/", "b=2"]


# Same page: valid JSON without statusCode is a 200 application/json with that JSON as body.
@pytest.mark.parametrize(
    "path, body",
    [("/answer/object", b'{"message": "hello", "count": 2}'), ("/answer/string", b'"just text"')],
)
def test_json_without_status_code_is_body(api, path, body):
    response = raw(api, "GET", path)
    assert response.status == 200, response
    assert response.header("Content-Type") == "application/json"
    assert response.body == body


def test_base64_response_decoded(api):
    response = raw(api, "GET", "/answer/base64")
    assert response.status == 200, response
    assert response.body == b"\x00\x01\x02\xff"


# "Troubleshoot issues with HTTP API Lambda integrations": a function error or a response that
# cannot be mapped gives 500 {"message":"Internal Server Error"}.
@pytest.mark.parametrize("path", ["/answer/not-json", "/answer/body-not-string", "/answer/error"])
def test_failed_integration_returns_500(api, path):
    response = raw(api, "GET", path)
    assert response.status == 500, response
    assert json.loads(response.body) == {"message": "Internal Server Error"}
    assert response.header("x-amzn-ErrorType")
    assert response.header("apigw-requestid")


# "Amazon API Gateway quotas": an HTTP API waits at most its integration timeout, then it
# returns 503 Service Unavailable.
def test_integration_timeout_returns_503(api):
    response = raw(api, "GET", "/restapis/httpslow01/$default/_user_request_/answer/slow")
    assert response.status == 503, response
    assert json.loads(response.body) == {"message": "Service Unavailable"}
    assert response.header("x-amzn-ErrorType") == "ServiceUnavailableException"


# "AWS Lambda quotas": a function result over 6 MB fails the invocation, so the HTTP API
# returns 500.
def test_response_over_6mb_returns_500(api):
    body = b"x" * (6 * 1024 * 1024 + 1)
    response = raw(api, "POST", "/echo", "Content-Type: text/plain\r\n", body)
    assert response.status == 500, response
    assert json.loads(response.body) == {"message": "Internal Server Error"}


# "Amazon API Gateway quotas": 10 MB payload; a larger body gets 413.
def test_body_over_10mb_returns_413(api):
    size = 10 * 1024 * 1024 + 1
    head = (
        f"POST /echo HTTP/1.1\r\nHost: {api.host}\r\nContent-Type: text/plain\r\n"
        f"Content-Length: {size}\r\nConnection: close\r\n\r\n"
    ).encode()
    with socket.create_connection((api.host, api.port), timeout=REQUEST_TIMEOUT_S) as sock:
        sock.sendall(head)
        response = parse_raw_response(read_until_closed(sock))
    assert response.status == 413, response
    assert response.header("apigw-requestid")


# "Configure CORS for HTTP APIs in API Gateway": API Gateway responds to preflight requests
# itself, even without an OPTIONS route.
def test_cors_preflight_answered(api):
    response = raw(
        api, "OPTIONS", "/no/such/route",
        "Origin: https://app.example\r\nAccess-Control-Request-Method: POST\r\n",
    )
    assert response.status == 204, response
    assert response.header("Access-Control-Allow-Origin") == "https://app.example"
    assert response.header("Access-Control-Allow-Methods") == "GET,POST"
    assert response.header("Access-Control-Allow-Headers") == "content-type,x-custom"
    assert response.header("Access-Control-Max-Age") == "300"
    assert response.header("Access-Control-Allow-Credentials") == "true"


def test_cors_preflight_from_other_origin(api):
    response = raw(
        api, "OPTIONS", "/pets/dog/1",
        "Origin: https://other.example\r\nAccess-Control-Request-Method: GET\r\n",
    )
    assert response.status == 204, response
    assert response.header("Access-Control-Allow-Origin") is None


# Same page: the configured CORS headers replace those that the integration returns.
def test_cors_headers_override_function(api):
    response = raw(api, "GET", "/answer/cors", "Origin: https://app.example\r\n")
    assert response.status == 200, response
    assert response.header_values("Access-Control-Allow-Origin") == ["https://app.example"]
    assert response.header("Access-Control-Expose-Headers") == "x-two"
    assert response.header("Access-Control-Allow-Credentials") == "true"


def test_cors_headers_absent_without_origin(api):
    response = raw(api, "GET", "/answer/cors")
    assert response.header("Access-Control-Expose-Headers") is None


# Several APIs in one daemon: each is reachable under its execute-api path.
def test_execute_api_path_reaches_each_api(api):
    event = echo(api, "GET", f"/restapis/{HTTP_API}/$default/_user_request_/pets/dog/1")
    assert event["requestContext"]["apiId"] == HTTP_API
    event = echo(api, "GET", f"/restapis/{REST_API}/Prod/_user_request_/rest/hello")
    assert event["requestContext"]["apiId"] == REST_API
    assert event["resource"] == "/rest/hello"
    assert event["path"] == "/rest/hello"


def test_execute_api_host_reaches_rest_api(api):
    event = echo(api, "GET", "/Prod/rest/hello", f"Host: {REST_API}.execute-api.localhost\r\n")
    assert event["requestContext"]["apiId"] == REST_API


def test_execute_api_path_wrong_stage(api):
    response = raw(api, "GET", f"/restapis/{REST_API}/Dev/_user_request_/rest/hello")
    assert response.status == 403, response
    assert json.loads(response.body) == {"message": "Missing Authentication Token"}


SLOW_CLIENT_CONFIG = """\
http:
  header_timeout_ms: 3000
  idle_timeout_ms: 1000
  max_connections: 2
functions:
  EchoFunction:
    module: echo
apis:
  HttpApi:
    type: HTTP
    routes:
      - {method: GET, path: /ping, function: EchoFunction}
"""


@pytest.fixture
def limited(request, tmp_path):
    config = tmp_path / "limits.yaml"
    config.write_text(SLOW_CLIENT_CONFIG)
    return start_daemon(request, tmp_path / "daemon", config).client


def connect(api):
    return socket.create_connection((api.host, api.port), timeout=REQUEST_TIMEOUT_S)


def closed_by_server(sock):
    """Wait for the server to close `sock`; return whether it did."""
    try:
        return sock.recv(65536) == b""
    except ConnectionResetError:
        return True


# A client that never finishes its header is closed after the header timeout, and other
# clients are served meanwhile.
def test_stuck_header_closed_others_served(limited):
    with connect(limited) as stuck:
        stuck.sendall(b"GET /ping HTTP/1.1\r\nHost: x\r\nX-Partial: ")
        assert raw(limited, "GET", "/ping").status == 200
        assert closed_by_server(stuck)


# An idle keep-alive connection is closed after the idle timeout.
def test_idle_keep_alive_closed(limited):
    with connect(limited) as sock:
        sock.sendall(b"GET /ping HTTP/1.1\r\nHost: x\r\n\r\n")
        data = b""
        while b"\r\n\r\n" not in data:
            data += sock.recv(65536)
        head, _, rest = data.partition(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))
        while len(rest) < length:
            rest += sock.recv(65536)
        assert head.startswith(b"HTTP/1.1 200")
        assert closed_by_server(sock)


# Connections over max_connections are closed at once; the open ones keep working.
def test_connections_over_limit_closed(limited):
    with connect(limited) as first, connect(limited) as second:
        first.sendall(b"GET /ping HTTP/1.1\r\nHost: x\r\n")
        second.sendall(b"GET /ping HTTP/1.1\r\nHost: x\r\n")
        with connect(limited) as third:
            assert closed_by_server(third)
        first.sendall(b"Connection: close\r\n\r\n")
        assert read_until_closed(first).startswith(b"HTTP/1.1 200")


def test_invalid_utf8_text_body_replaced(api):
    event = echo(api, "POST", "/echo", "Content-Type: text/plain\r\n", b"caf\xe9 \xff!")
    assert event["isBase64Encoded"] is False
    assert event["body"] == "caf\ufffd \ufffd!"


# A function that runs past its own timeout before the integration timeout is a function
# error, so the HTTP API returns 500.
def test_function_timeout_returns_500(api):
    response = raw(api, "GET", "/answer/self-timeout")
    assert response.status == 500, response
    assert json.loads(response.body) == {"message": "Internal Server Error"}
