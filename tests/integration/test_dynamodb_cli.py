"""The DynamoDB API through Debian's AWS CLI (`aws dynamodb ... --endpoint-url`)."""

import json
import time
import zlib

import pytest

from dynamodb_clients import AwsCli

TTL_DEADLINE_S = 30.0


@pytest.fixture
def cli(users_daemon):
    return AwsCli(users_daemon.aws_url)


def create_music(cli):
    return cli.ok(
        "create-table", "--table-name", "Music",
        "--attribute-definitions", "AttributeName=Artist,AttributeType=S",
        "AttributeName=Year,AttributeType=N",
        "--key-schema", "AttributeName=Artist,KeyType=HASH", "AttributeName=Year,KeyType=RANGE",
        "--billing-mode", "PAY_PER_REQUEST",
    )


def put_song(cli, artist, year, title):
    item = {"Artist": {"S": artist}, "Year": {"N": str(year)}, "Title": {"S": title}}
    cli.ok("put-item", "--table-name", "Music", "--item", json.dumps(item))


def test_configured_table_is_listed(cli):
    assert "Users" in cli.ok("list-tables")["TableNames"]


def test_table_lifecycle(cli):
    created = create_music(cli)["TableDescription"]
    assert created["TableStatus"] == "ACTIVE"
    assert created["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    described = cli.ok("describe-table", "--table-name", "Music")["Table"]
    assert described["KeySchema"][1] == {"AttributeName": "Year", "KeyType": "RANGE"}
    assert "Music" in cli.ok("list-tables")["TableNames"]
    stderr = cli.fail("create-table", "--table-name", "Music",
                      "--attribute-definitions", "AttributeName=Artist,AttributeType=S",
                      "--key-schema", "AttributeName=Artist,KeyType=HASH",
                      "--billing-mode", "PAY_PER_REQUEST")
    assert "ResourceInUseException" in stderr
    assert "Table already exists: Music" in stderr
    cli.ok("delete-table", "--table-name", "Music")
    stderr = cli.fail("describe-table", "--table-name", "Music")
    assert "Requested resource not found: Table: Music not found" in stderr


def test_items_round_trip(cli):
    create_music(cli)
    put_song(cli, "Bach", 1722, "Das wohltemperierte Klavier")
    key = json.dumps({"Artist": {"S": "Bach"}, "Year": {"N": "1722.0"}})
    got = cli.ok("get-item", "--table-name", "Music", "--key", key)
    assert got["Item"]["Year"] == {"N": "1722"}
    updated = cli.ok(
        "update-item", "--table-name", "Music", "--key", key,
        "--update-expression", "SET Plays = if_not_exists(Plays, :zero) + :one",
        "--expression-attribute-values", json.dumps({":zero": {"N": "0"}, ":one": {"N": "1"}}),
        "--return-values", "UPDATED_NEW",
    )
    assert updated["Attributes"] == {"Plays": {"N": "1"}}
    stderr = cli.fail(
        "put-item", "--table-name", "Music",
        "--item", json.dumps({"Artist": {"S": "Bach"}, "Year": {"N": "1722"}}),
        "--condition-expression", "attribute_not_exists(Artist)",
    )
    assert "ConditionalCheckFailedException" in stderr
    deleted = cli.ok("delete-item", "--table-name", "Music", "--key", key,
                     "--return-values", "ALL_OLD")
    assert deleted["Attributes"]["Plays"] == {"N": "1"}
    assert "Item" not in (cli.ok("get-item", "--table-name", "Music", "--key", key) or {})


def test_query_and_scan(cli):
    create_music(cli)
    for year in (1720, 1722, 1730, 1750):
        put_song(cli, "Bach", year, f"work {year}")
    put_song(cli, "Handel", 1741, "Messiah")
    result = cli.ok(
        "query", "--table-name", "Music",
        "--key-condition-expression", "Artist = :a AND #y BETWEEN :lo AND :hi",
        "--expression-attribute-names", json.dumps({"#y": "Year"}),
        "--expression-attribute-values",
        json.dumps({":a": {"S": "Bach"}, ":lo": {"N": "1721"}, ":hi": {"N": "1750"}}),
        "--no-scan-index-forward",
    )
    assert [item["Year"]["N"] for item in result["Items"]] == ["1750", "1730", "1722"]
    # The CLI follows LastEvaluatedKey itself: pages of one item still return all of them.
    scanned = cli.ok("scan", "--table-name", "Music", "--page-size", "1")
    assert scanned["Count"] == 5
    counted = cli.ok("scan", "--table-name", "Music", "--select", "COUNT",
                     "--filter-expression", "begins_with(Title, :w)",
                     "--expression-attribute-values", json.dumps({":w": {"S": "work"}}))
    assert counted["Count"] == 4


def test_batches_and_transactions(cli):
    create_music(cli)
    requests = {"Music": [
        {"PutRequest": {"Item": {"Artist": {"S": "Liszt"}, "Year": {"N": str(year)}}}}
        for year in range(1830, 1840)
    ]}
    written = cli.ok("batch-write-item", "--request-items", json.dumps(requests))
    assert written["UnprocessedItems"] == {}
    keys = {"Music": {"Keys": [{"Artist": {"S": "Liszt"}, "Year": {"N": "1831"}},
                               {"Artist": {"S": "Liszt"}, "Year": {"N": "1900"}}]}}
    got = cli.ok("batch-get-item", "--request-items", json.dumps(keys))
    assert len(got["Responses"]["Music"]) == 1
    items = [
        {"Put": {"TableName": "Music", "Item": {"Artist": {"S": "Liszt"}, "Year": {"N": "1"}}}},
        {"ConditionCheck": {"TableName": "Music",
                            "Key": {"Artist": {"S": "Liszt"}, "Year": {"N": "1830"}},
                            "ConditionExpression": "attribute_not_exists(Artist)"}},
    ]
    stderr = cli.fail("transact-write-items", "--transact-items", json.dumps(items))
    assert "TransactionCanceledException" in stderr
    assert "[None, ConditionalCheckFailed]" in stderr


def test_ttl_deletes_expired_items(cli):
    create_music(cli)
    cli.ok("update-time-to-live", "--table-name", "Music",
           "--time-to-live-specification", "Enabled=true,AttributeName=Expires")
    described = cli.ok("describe-time-to-live", "--table-name", "Music")
    assert described["TimeToLiveDescription"]["TimeToLiveStatus"] == "ENABLED"
    expired = {"Artist": {"S": "Old"}, "Year": {"N": "1"}, "Expires": {"N": str(int(time.time()) - 60)}}
    kept = {"Artist": {"S": "New"}, "Year": {"N": "1"}, "Expires": {"N": str(int(time.time()) + 3600)}}
    for item in (expired, kept):
        cli.ok("put-item", "--table-name", "Music", "--item", json.dumps(item))
    deadline = time.monotonic() + TTL_DEADLINE_S
    while cli.ok("scan", "--table-name", "Music")["Count"] != 1:
        assert time.monotonic() < deadline, "the expired item was never deleted"
        time.sleep(0.2)
    remaining = cli.ok("scan", "--table-name", "Music")["Items"]
    assert remaining[0]["Artist"] == {"S": "New"}


def test_tags_limits_and_endpoints(cli):
    arn = create_music(cli)["TableDescription"]["TableArn"]
    cli.ok("tag-resource", "--resource-arn", arn, "--tags", "Key=team,Value=core")
    tags = cli.ok("list-tags-of-resource", "--resource-arn", arn)["Tags"]
    assert tags == [{"Key": "team", "Value": "core"}]
    cli.ok("untag-resource", "--resource-arn", arn, "--tag-keys", "team")
    assert cli.ok("list-tags-of-resource", "--resource-arn", arn)["Tags"] == []
    assert cli.ok("describe-limits")["TableMaxWriteCapacityUnits"] == 40000
    assert cli.ok("describe-endpoints")["Endpoints"][0]["CachePeriodInMinutes"] == 1440


def test_protocol_headers_and_errors(users_daemon):
    client = users_daemon.aws_client
    headers = {"X-Amz-Target": "DynamoDB_20120810.ListTables",
               "Content-Type": "application/x-amz-json-1.0"}
    response = client.request("POST", "/", "{}", headers)
    assert response.status == 200
    assert response.header("x-amzn-RequestId")
    assert int(response.header("x-amz-crc32")) == zlib.crc32(response.body)

    headers["X-Amz-Target"] = "DynamoDB_20120810.RestoreTableFromBackup"
    response = client.request("POST", "/", "{}", headers)
    assert response.status == 400
    assert response.json() == {"__type": "com.amazon.coral.service#UnknownOperationException"}

    headers["X-Amz-Target"] = "DynamoDB_20120810.GetItem"
    response = client.request("POST", "/", "{oops", headers)
    assert response.status == 400
    assert response.json()["__type"] == "com.amazon.coral.service#SerializationException"

    response = client.request("POST", "/", json.dumps({"TableName": ""}), headers)
    assert response.json()["__type"] == "com.amazon.coral.validate#ValidationException"

    assert client.request("GET", "/").status == 200
