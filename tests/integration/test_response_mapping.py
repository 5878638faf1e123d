"""How API Gateway maps a function's result to HTTP, and rejects malformed results.

The rules are those of "Output format of a Lambda function for proxy integration" in the
Amazon API Gateway developer guide (REST APIs, payload format 1.0).
"""

import pytest

from lambdad_harness import assert_uuid


@pytest.mark.parametrize(
    "path",
    [
        "/bad/not-json",
        "/bad/array",
        "/bad/unknown-key",
        "/bad/body-not-string",
        "/bad/multi-value-not-list",
        "/bad/status-not-number",
        "/bad/function-error",
    ],
)
def test_malformed_result_returns_502(api, path):
    response = api.request("GET", path)
    assert response.status == 502, response
    assert response.json() == {"message": "Internal server error"}
    assert response.header("Content-Type") == "application/json"
    assert_uuid(response.header("x-amzn-RequestId"))


def test_daemon_serves_after_malformed_results(api):
    for _ in range(3):
        assert api.request("GET", "/bad/function-error").status == 502
    assert api.request("GET", "/users").status == 200


def test_status_code_as_string(api):
    response = api.request("GET", "/good/status-as-string")
    assert response.status == 201, response
    assert response.body == b"created"


def test_headers_and_multi_value_headers_merge(api):
    response = api.request("GET", "/good/header-merge")
    assert response.status == 200, response
    assert response.body == b"merged"
    assert response.header_values("X-Single") == ["s"]
    assert joined_values(response, "X-Multi") == ["m1", "m2"]
    # A name and value present in both fields appears once: "If the same key-value pair is
    # specified in both, only the values from multiValueHeaders will appear in the merged list."
    assert joined_values(response, "X-Both") == ["b1", "b2"]


def joined_values(response, name):
    """Return the values of header `name`, whether sent as repeated fields or comma-joined."""
    values = []
    for value in response.header_values(name):
        values += [part.strip() for part in value.split(",")]
    return values


def test_base64_body_is_decoded(api):
    # Decoded only for a client whose Accept is a binary media type of the API ("Return binary
    # media from a Lambda proxy integration in API Gateway").
    response = api.request("GET", "/good/base64", headers={"Accept": "application/octet-stream"})
    assert response.status == 200, response
    assert response.body == b"\x00\x01\x02\xffsecret"


def test_minimal_result_has_empty_body(api):
    response = api.request("GET", "/good/minimal")
    assert response.status == 204, response
    assert response.body == b""
    assert_uuid(response.header("x-amzn-RequestId"))
