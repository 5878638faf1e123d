"""The DynamoDB API through boto3: indexes, paging, conditions, transactions, concurrency,
durability, and the tables shared with the in-process table API."""

import threading

import pytest
from botocore.exceptions import ClientError

from dynamodb_clients import boto3_client

WRITERS = 8
INCREMENTS_PER_WRITER = 25
DURABLE_ITEMS = 200


@pytest.fixture
def dynamodb(users_daemon):
    return boto3_client(users_daemon.aws_url)


def create_orders(dynamodb):
    dynamodb.create_table(
        TableName="Orders",
        AttributeDefinitions=[
            {"AttributeName": "customer", "AttributeType": "S"},
            {"AttributeName": "order", "AttributeType": "N"},
            {"AttributeName": "status", "AttributeType": "S"},
        ],
        KeySchema=[
            {"AttributeName": "customer", "KeyType": "HASH"},
            {"AttributeName": "order", "KeyType": "RANGE"},
        ],
        GlobalSecondaryIndexes=[{
            "IndexName": "by_status",
            "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}],
            "Projection": {"ProjectionType": "INCLUDE", "NonKeyAttributes": ["total"]},
        }],
        LocalSecondaryIndexes=[{
            "IndexName": "by_customer_status",
            "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"},
                          {"AttributeName": "status", "KeyType": "RANGE"}],
            "Projection": {"ProjectionType": "KEYS_ONLY"},
        }],
        BillingMode="PAY_PER_REQUEST",
    )


def put_order(dynamodb, customer, order, status, total):
    dynamodb.put_item(TableName="Orders", Item={
        "customer": {"S": customer}, "order": {"N": str(order)},
        "status": {"S": status}, "total": {"N": str(total)}, "note": {"S": "n"},
    })


def error_of(call):
    with pytest.raises(ClientError) as raised:
        call()
    return raised.value.response


def test_indexes_project_and_follow_writes(dynamodb):
    create_orders(dynamodb)
    put_order(dynamodb, "ada", 1, "open", 10)
    put_order(dynamodb, "ada", 2, "shipped", 20)
    put_order(dynamodb, "bob", 1, "open", 30)
    opened = dynamodb.query(
        TableName="Orders", IndexName="by_status",
        KeyConditionExpression="#s = :s",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":s": {"S": "open"}},
    )
    assert opened["Count"] == 2
    assert all(set(item) == {"customer", "order", "status", "total"} for item in opened["Items"])

    dynamodb.update_item(
        TableName="Orders", Key={"customer": {"S": "bob"}, "order": {"N": "1"}},
        UpdateExpression="SET #s = :s", ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":s": {"S": "shipped"}},
    )
    local = dynamodb.query(
        TableName="Orders", IndexName="by_customer_status",
        KeyConditionExpression="customer = :c AND begins_with(#s, :p)",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":c": {"S": "ada"}, ":p": {"S": "ship"}},
    )
    assert [item["order"]["N"] for item in local["Items"]] == ["2"]
    assert "note" not in local["Items"][0]
    # A local index fetches the attributes it does not project from the table.
    fetched = dynamodb.query(
        TableName="Orders", IndexName="by_customer_status",
        KeyConditionExpression="customer = :c", ProjectionExpression="note",
        ExpressionAttributeValues={":c": {"S": "ada"}},
    )
    assert [item["note"] for item in fetched["Items"]] == [{"S": "n"}, {"S": "n"}]

    described = dynamodb.describe_table(TableName="Orders")["Table"]
    assert described["GlobalSecondaryIndexes"][0]["ItemCount"] == 3
    dynamodb.update_table(TableName="Orders",
                          GlobalSecondaryIndexUpdates=[{"Delete": {"IndexName": "by_status"}}])
    response = error_of(lambda: dynamodb.query(
        TableName="Orders", IndexName="by_status", KeyConditionExpression="#s = :s",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":s": {"S": "open"}}))
    assert response["Error"]["Code"] == "ValidationException"
    assert response["Error"]["Message"] == "The table does not have the specified index: by_status"


def test_paginator_follows_last_evaluated_key(dynamodb):
    create_orders(dynamodb)
    for order in range(45):
        put_order(dynamodb, "ada", order, "open", order)
    paginator = dynamodb.get_paginator("query")
    pages = list(paginator.paginate(
        TableName="Orders", KeyConditionExpression="customer = :c",
        ExpressionAttributeValues={":c": {"S": "ada"}}, Limit=20,
    ))
    assert [page["Count"] for page in pages] == [20, 20, 5]
    orders = [int(item["order"]["N"]) for page in pages for item in page["Items"]]
    assert orders == list(range(45))
    assert pages[0]["LastEvaluatedKey"] == {"customer": {"S": "ada"}, "order": {"N": "19"}}


def test_parallel_scan_segments_partition_items(dynamodb):
    create_orders(dynamodb)
    for customer in range(30):
        put_order(dynamodb, f"c{customer}", 1, "open", customer)
    seen = []
    for segment in range(4):
        page = dynamodb.scan(TableName="Orders", Segment=segment, TotalSegments=4)
        seen += [item["customer"]["S"] for item in page["Items"]]
    assert sorted(seen) == sorted(f"c{customer}" for customer in range(30))


def test_condition_failure_and_cancellation_reasons(dynamodb):
    create_orders(dynamodb)
    put_order(dynamodb, "ada", 1, "open", 10)
    response = error_of(lambda: dynamodb.put_item(
        TableName="Orders",
        Item={"customer": {"S": "ada"}, "order": {"N": "1"}},
        ConditionExpression="attribute_not_exists(customer)",
    ))
    assert response["Error"]["Code"] == "ConditionalCheckFailedException"
    assert response["Error"]["Message"] == "The conditional request failed"

    response = error_of(lambda: dynamodb.transact_write_items(TransactItems=[
        {"Update": {"TableName": "Orders",
                    "Key": {"customer": {"S": "ada"}, "order": {"N": "1"}},
                    "UpdateExpression": "SET #t = #t - :n",
                    "ConditionExpression": "#t >= :n",
                    "ExpressionAttributeNames": {"#t": "total"},
                    "ExpressionAttributeValues": {":n": {"N": "50"}}}},
        {"Put": {"TableName": "Orders",
                 "Item": {"customer": {"S": "bob"}, "order": {"N": "1"}}}},
    ]))
    assert response["Error"]["Code"] == "TransactionCanceledException"
    codes = [reason["Code"] for reason in response["CancellationReasons"]]
    assert codes == ["ConditionalCheckFailed", "None"]
    missing = dynamodb.get_item(TableName="Orders",
                                Key={"customer": {"S": "bob"}, "order": {"N": "1"}})
    assert "Item" not in missing


def test_concurrent_conditional_increments(dynamodb, users_daemon):
    create_orders(dynamodb)
    key = {"customer": {"S": "counter"}, "order": {"N": "0"}}
    dynamodb.put_item(TableName="Orders", Item={**key, "count": {"N": "0"}})
    failures = []

    def increment():
        client = boto3_client(users_daemon.aws_url)
        for _ in range(INCREMENTS_PER_WRITER):
            while True:
                current = client.get_item(TableName="Orders", Key=key, ConsistentRead=True)
                count = current["Item"]["count"]["N"]
                try:
                    client.update_item(
                        TableName="Orders", Key=key, UpdateExpression="SET #c = :next",
                        ConditionExpression="#c = :seen", ExpressionAttributeNames={"#c": "count"},
                        ExpressionAttributeValues={":seen": {"N": count},
                                                   ":next": {"N": str(int(count) + 1)}},
                    )
                    break
                except ClientError as error:
                    if error.response["Error"]["Code"] != "ConditionalCheckFailedException":
                        failures.append(error.response)
                        return

    threads = [threading.Thread(target=increment) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
        assert not thread.is_alive()
    assert failures == []
    final = dynamodb.get_item(TableName="Orders", Key=key, ConsistentRead=True)
    assert final["Item"]["count"]["N"] == str(WRITERS * INCREMENTS_PER_WRITER)


def test_acknowledged_writes_survive_sigkill(dynamodb, users_daemon):
    create_orders(dynamodb)
    for order in range(DURABLE_ITEMS):
        put_order(dynamodb, "durable", order, "open", order)
    users_daemon.kill()
    users_daemon.start()
    client = boto3_client(users_daemon.aws_url)
    result = client.query(TableName="Orders", KeyConditionExpression="customer = :c",
                          ExpressionAttributeValues={":c": {"S": "durable"}}, Select="COUNT")
    assert result["Count"] == DURABLE_ITEMS
    index = client.query(TableName="Orders", IndexName="by_status",
                         KeyConditionExpression="#s = :s",
                         ExpressionAttributeNames={"#s": "status"},
                         ExpressionAttributeValues={":s": {"S": "open"}}, Select="COUNT")
    assert index["Count"] == DURABLE_ITEMS


def test_users_service_and_sdk_share_the_table(dynamodb, users_daemon):
    created = users_daemon.client.request(
        "POST", "/users", {"name": "Ada", "email": "ada@example.com"}).json()
    item = dynamodb.get_item(TableName="Users", Key={"userid": {"S": created["userid"]}})
    assert item["Item"]["name"] == {"S": "Ada"}
    dynamodb.put_item(TableName="Users", Item={"userid": {"S": "sdk-1"}, "name": {"S": "Bob"}})
    fetched = users_daemon.client.request("GET", "/users/sdk-1").json()
    assert fetched["name"] == "Bob"


def test_validation_messages(dynamodb):
    create_orders(dynamodb)
    response = error_of(lambda: dynamodb.get_item(TableName="Orders",
                                                  Key={"customer": {"S": "ada"}}))
    assert response["Error"]["Message"] == "The provided key element does not match the schema"
    response = error_of(lambda: dynamodb.query(
        TableName="Orders", IndexName="by_status", ConsistentRead=True,
        KeyConditionExpression="#s = :s", ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":s": {"S": "open"}}))
    assert response["Error"]["Message"] == (
        "Consistent reads are not supported on global secondary indexes")
    response = error_of(lambda: dynamodb.batch_write_item(RequestItems={"Orders": [
        {"PutRequest": {"Item": {"customer": {"S": "x"}, "order": {"N": str(n)}}}}
        for n in range(26)]}))
    assert response["Error"]["Code"] == "ValidationException"
