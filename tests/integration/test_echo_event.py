"""The proxy event a function receives, as returned by the echo module.

Field meanings follow "Input format of a Lambda function for proxy integration" in the Amazon
API Gateway developer guide (REST APIs, payload format 1.0).
"""

import json

from lambdad_harness import assert_uuid


def raw_get(api, target, extra_headers=""):
    request = (
        f"GET {target} HTTP/1.1\r\nHost: {api.host}:{api.port}\r\n"
        f"{extra_headers}Connection: close\r\n\r\n"
    )
    response = api.raw(request.encode())
    assert response.status == 200, response
    return response, json.loads(response.body)


def test_event_carries_request_fields(api):
    response, event = raw_get(
        api,
        "/Prod/echo/a%20b/c?name=J%C3%B6rg&tag=one&tag=two%20words",
        "X-Mixed-Case: first\r\nX-Mixed-Case: second\r\nx-lower: low\r\n",
    )
    assert event["httpMethod"] == "GET"
    assert event["resource"] == "/echo/{proxy+}"
    # The path stays percent-encoded in `path`.
    assert event["path"] == "/echo/a%20b/c"
    assert "proxy" in event["pathParameters"]
    assert event["body"] is None
    assert event["isBase64Encoded"] is False

    # Header names keep the client's case, and `headers` has the last value of a repeated header.
    assert event["headers"]["X-Mixed-Case"] == "second"
    assert event["multiValueHeaders"]["X-Mixed-Case"] == ["first", "second"]
    assert event["headers"]["x-lower"] == "low"
    assert event["multiValueHeaders"]["x-lower"] == ["low"]
    assert event["headers"]["Host"] == f"{api.host}:{api.port}"

    # Query string values are decoded, and `queryStringParameters` has the last value.
    assert event["queryStringParameters"] == {"name": "Jörg", "tag": "two words"}
    assert event["multiValueQueryStringParameters"] == {
        "name": ["Jörg"],
        "tag": ["one", "two words"],
    }

    context = event["requestContext"]
    assert context["stage"] == "Prod"
    assert context["path"] == "/Prod/echo/a%20b/c"
    assert context["httpMethod"] == "GET"
    assert context["resourcePath"] == "/echo/{proxy+}"
    assert context["accountId"] == "123456789012"
    assert_uuid(context["requestId"])
    assert context["requestId"] == response.header("x-amzn-RequestId")


def test_event_for_unstaged_path(api):
    _, event = raw_get(api, "/echo/plain")
    assert event["path"] == "/echo/plain"
    assert event["requestContext"]["path"] == "/Prod/echo/plain"
    assert event["requestContext"]["stage"] == "Prod"
    assert event["pathParameters"] == {"proxy": "plain"}


def test_event_without_query_has_null_parameters(api):
    _, event = raw_get(api, "/echo/x")
    assert event["queryStringParameters"] is None
    assert event["multiValueQueryStringParameters"] is None


def test_event_carries_text_body(api):
    body = '{"hello": "wörld"}'
    response = api.request("POST", "/echo/post", body, {"Content-Type": "application/json"})
    assert response.status == 200, response
    event = json.loads(response.body)
    assert event["httpMethod"] == "POST"
    assert event["body"] == body
    assert event["isBase64Encoded"] is False
    assert event["headers"]["Content-Type"] == "application/json"


def test_request_ids_differ_per_request(api):
    ids = set()
    for _ in range(5):
        response = api.request("GET", "/echo/id")
        event = json.loads(response.body)
        assert event["requestContext"]["requestId"] == response.header("x-amzn-RequestId")
        ids.add(event["requestContext"]["requestId"])
    assert len(ids) == 5
