"""Every write the daemon acknowledged survives the daemon being killed with SIGKILL."""

import http.client
import json
import threading
import time

from lambdad_harness import Client

WRITER_THREADS = 4
MIN_ACKNOWLEDGED = 1000
WRITE_PHASE_TIMEOUT_S = 60.0


class Writer(threading.Thread):
    """Writes items with known ids until stopped, recording each one acknowledged with 200.

    `send(client, itemid)` makes one write and returns the response.
    """

    def __init__(self, client, name, send):
        super().__init__(daemon=True)
        self.client = client
        self.prefix = name
        self.send = send
        self.acknowledged = []
        self.stopping = threading.Event()
        self.failure = None

    def run(self):
        sequence = 0
        while not self.stopping.is_set():
            itemid = f"{self.prefix}-{sequence}"
            sequence += 1
            try:
                response = self.send(Client(self.client.host, self.client.port), itemid)
            except (OSError, http.client.HTTPException):
                # The daemon was killed mid-request, so this write was never acknowledged.
                return
            if response.status == 200:
                self.acknowledged.append(itemid)
            else:
                self.failure = response
                return


def post_user(client, userid):
    body = json.dumps({"userid": userid, "payload": "d" * 200})
    return client.request("POST", "/users", body)


def put_item(client, userid):
    body = json.dumps(
        {"TableName": "Users", "Item": {"userid": {"S": userid}, "payload": {"S": "d" * 200}}}
    )
    headers = {
        "Content-Type": "application/x-amz-json-1.0",
        "X-Amz-Target": "DynamoDB_20120810.PutItem",
    }
    return client.request("POST", "/", body, headers)


def write_until_killed(daemon, client, send):
    """Runs writers until enough writes are acknowledged, kills the daemon, and returns the
    acknowledged ids."""
    writers = [Writer(client, f"w{i}", send) for i in range(WRITER_THREADS)]
    for writer in writers:
        writer.start()

    deadline = time.monotonic() + WRITE_PHASE_TIMEOUT_S
    while sum(len(w.acknowledged) for w in writers) < MIN_ACKNOWLEDGED:
        assert time.monotonic() < deadline, "the writers were too slow"
        assert all(w.failure is None for w in writers), [w.failure for w in writers]
        time.sleep(0.01)

    # Killed while the writers are still sending.
    daemon.kill()
    for writer in writers:
        writer.stopping.set()
        writer.join(timeout=30)
        assert not writer.is_alive()
        assert writer.failure is None, writer.failure
    return [userid for writer in writers for userid in writer.acknowledged]


def assert_all_stored(users, acknowledged):
    missing = [
        userid
        for userid in acknowledged
        if users.request("GET", f"/users/{userid}").json().get("userid") != userid
    ]
    lost = f"{len(missing)} of {len(acknowledged)} acknowledged items lost: {missing[:10]}"
    assert not missing, lost

    stored = {item["userid"] for item in users.request("GET", "/users").json()}
    assert set(acknowledged) <= stored


def test_acknowledged_writes_survive_sigkill(users_daemon):
    acknowledged = write_until_killed(users_daemon, users_daemon.client, post_user)
    assert_all_stored(users_daemon.start().client, acknowledged)


def test_acknowledged_put_items_survive_sigkill(users_daemon):
    acknowledged = write_until_killed(users_daemon, users_daemon.aws_client, put_item)
    assert_all_stored(users_daemon.start().client, acknowledged)
