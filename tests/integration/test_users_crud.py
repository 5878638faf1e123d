"""The Users service end to end: every route, and the headers and bodies of its responses."""

import datetime
import json
from decimal import Decimal

import pytest

from lambdad_harness import assert_uuid

NESTED_ITEM = {
    "name": "Ada Lovelace",
    "address": {
        "city": "Zürich",
        "lines": ["Bahnhofstrasse 1", "8001"],
        "geo": {"lat": Decimal("47.3769"), "lon": Decimal("-8.5417"), "exact": True},
        "previous": None,
    },
    "tags": ["a", "b", ["c", {"d": Decimal("1")}]],
    "empty_list": [],
    "empty_map": {},
    "empty_string": "",
    "escapes": (
        'quote " backslash \\ newline \n tab \t control \u0001 snowman \u2603 '
        "emoji \U0001F600"
    ),
    "active": False,
}

# Numbers with DynamoDB's maximum of 38 significant digits, which a double would round.
BIG_NUMBERS = {
    "integer": Decimal("12345678901234567890123456789012345678"),
    "fraction": Decimal("0.12345678901234567890123456789012345678"),
    "negative": Decimal("-98765432109876543210.987654321098765432"),
    "small": Decimal("1.2345678901234567890123456789012345678E-100"),
    "large": Decimal("9.9999999999999999999999999999999999999E+125"),
}


def dumps(value):
    """Serialise `value` as JSON, writing Decimal numbers with all their digits."""
    numbers = []

    def replace(item):
        if isinstance(item, Decimal):
            numbers.append(str(item))
            return f"@@number{len(numbers) - 1}@@"
        if isinstance(item, dict):
            return {key: replace(member) for key, member in item.items()}
        if isinstance(item, list):
            return [replace(member) for member in item]
        return item

    text = json.dumps(replace(value))
    for index, number in enumerate(numbers):
        text = text.replace(f'"@@number{index}@@"', number)
    return text


def assert_users_headers(response):
    """Assert the headers that every response of the Users function carries."""
    assert response.header("Content-Type") == "application/json", response
    assert response.header("Access-Control-Allow-Origin") == "*", response
    assert_uuid(response.header("x-amzn-RequestId"))


def post_user(client, item):
    response = client.request("POST", "/users", dumps(item), {"Content-Type": "application/json"})
    assert response.status == 200, response
    assert_users_headers(response)
    return response.json()


def assert_recent_timestamp(text):
    """Assert an ISO 8601 date and time without zone, as Python's isoformat() writes it."""
    parsed = datetime.datetime.fromisoformat(text)
    assert parsed.tzinfo is None, f"timestamp {text!r} should carry no zone"
    now = datetime.datetime.now()
    utc_now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    skew = min(abs(parsed - now), abs(parsed - utc_now))
    assert skew < datetime.timedelta(minutes=5), f"timestamp {text!r} is not recent"


def test_post_returns_stored_item(users):
    created = post_user(users, {"name": "Ada", "age": Decimal("36")})
    assert created["name"] == "Ada"
    assert created["age"] == 36
    assert_uuid(created["userid"], version=1)
    assert_recent_timestamp(created["timestamp"])
    assert set(created) == {"name", "age", "userid", "timestamp"}


def test_post_keeps_given_userid(users):
    created = post_user(users, {"userid": "ada-1815", "name": "Ada"})
    assert created["userid"] == "ada-1815"
    fetched = users.request("GET", "/users/ada-1815")
    assert fetched.status == 200, fetched
    assert fetched.json() == created


def test_post_assigns_distinct_userids(users):
    ids = [post_user(users, {"n": Decimal(i)})["userid"] for i in range(20)]
    assert len(set(ids)) == len(ids)
    for userid in ids:
        assert_uuid(userid, version=1)


def test_get_one_returns_item(users):
    created = post_user(users, {"name": "Grace"})
    response = users.request("GET", f"/users/{created['userid']}")
    assert response.status == 200, response
    assert_users_headers(response)
    assert response.json() == created


def test_get_missing_returns_empty_object(users):
    response = users.request("GET", "/users/no-such-user")
    assert response.status == 200, response
    assert_users_headers(response)
    assert response.json() == {}


def test_get_list_returns_every_item(users):
    empty = users.request("GET", "/users")
    assert empty.status == 200, empty
    assert_users_headers(empty)
    assert empty.json() == []

    created = [post_user(users, {"name": f"user {i}"}) for i in range(5)]
    response = users.request("GET", "/users")
    assert response.status == 200, response
    assert_users_headers(response)
    listed = response.json()
    assert isinstance(listed, list)
    by_id = {item["userid"]: item for item in listed}
    assert len(by_id) == 5
    for item in created:
        assert by_id[item["userid"]] == item


def test_put_replaces_item(users):
    created = post_user(users, {"name": "Alan", "city": "London"})
    userid = created["userid"]
    body = dumps({"userid": "someone-else", "name": "Alan Turing"})
    response = users.request("PUT", f"/users/{userid}", body)
    assert response.status == 200, response
    assert_users_headers(response)
    replaced = response.json()
    assert replaced["userid"] == userid
    assert replaced["name"] == "Alan Turing"
    assert "city" not in replaced
    assert_recent_timestamp(replaced["timestamp"])

    fetched = users.request("GET", f"/users/{userid}").json()
    assert fetched == replaced
    assert users.request("GET", "/users/someone-else").json() == {}


def test_put_creates_missing_item(users):
    response = users.request("PUT", "/users/new-user", dumps({"name": "New"}))
    assert response.status == 200, response
    assert users.request("GET", "/users/new-user").json()["name"] == "New"


def test_delete_removes_item(users):
    created = post_user(users, {"name": "Edsger"})
    userid = created["userid"]
    response = users.request("DELETE", f"/users/{userid}")
    assert response.status == 200, response
    assert_users_headers(response)
    assert response.json() == {}
    assert users.request("GET", f"/users/{userid}").json() == {}
    assert users.request("GET", "/users").json() == []


def test_delete_missing_returns_empty_object(users):
    response = users.request("DELETE", "/users/never-existed")
    assert response.status == 200, response
    assert response.json() == {}


def test_numbers_keep_38_digits(users):
    created = post_user(users, BIG_NUMBERS)
    fetched = users.request("GET", f"/users/{created['userid']}").json()
    for name, expected in BIG_NUMBERS.items():
        assert created[name] == expected, f"POST answer changed {name}"
        assert fetched[name] == expected, f"stored item changed {name}"


def test_nested_json_round_trips(users):
    created = post_user(users, NESTED_ITEM)
    fetched = users.request("GET", f"/users/{created['userid']}").json()
    for source in (created, fetched):
        copy = dict(source)
        del copy["userid"]
        del copy["timestamp"]
        assert copy == NESTED_ITEM
        # Python compares True equal to 1, so check the JSON types of booleans themselves.
        assert copy["address"]["geo"]["exact"] is True
        assert copy["active"] is False


@pytest.mark.parametrize(
    "method, path, body",
    [
        ("POST", "/users", "{not json"),
        ("POST", "/users", "[1, 2, 3]"),
        ("POST", "/users", '"a string"'),
        ("POST", "/users", "42"),
        ("POST", "/users", ""),
        ("PUT", "/users/u1", "{truncated"),
        ("PUT", "/users/u1", "[]"),
        # Deeper than the JSON parser's 512 levels.
        pytest.param(
            "POST", "/users", '{"x":' + "[" * 100_000 + "]" * 100_000 + "}", id="parser-depth"
        ),
        # Valid JSON, but deeper than DynamoDB's 32 levels of nested attributes.
        pytest.param("PUT", "/users/u1", '{"x":' + "[" * 40 + "]" * 40 + "}", id="item-depth"),
    ],
)
def test_invalid_body_returns_400(users, method, path, body):
    response = users.request(method, path, body)
    assert response.status == 400, response
    assert_users_headers(response)
    answer = response.json()
    assert list(answer) == ["Error:"], answer
    assert isinstance(answer["Error:"], str)
    assert answer["Error:"]
    assert users.request("GET", "/users").status == 200


def test_unsupported_route_returns_400(api):
    """A route mapped to the Users function that the function does not implement."""
    response = api.request("PATCH", "/users/u1", "{}")
    assert response.status == 400, response
    assert_users_headers(response)
    assert response.json() == {"Message": "Unsupported route"}


def test_staged_paths_reach_users(users):
    created = post_user(users, {"name": "Barbara"})
    staged = users.request("GET", f"/Prod/users/{created['userid']}")
    assert staged.status == 200, staged
    assert_users_headers(staged)
    assert staged.json() == created
    listed = users.request("GET", "/Prod/users")
    assert listed.status == 200, listed
    assert [item["userid"] for item in listed.json()] == [created["userid"]]
    posted = users.request("POST", "/Prod/users", '{"name": "Staged"}')
    assert posted.status == 200, posted
    assert posted.json()["name"] == "Staged"
