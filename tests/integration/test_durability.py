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
    """POSTs items with known ids until stopped, recording each one acknowledged with 200."""

    def __init__(self, client, name):
        super().__init__(daemon=True)
        self.client = client
        self.prefix = name
        self.acknowledged = []
        self.stopping = threading.Event()
        self.failure = None

    def run(self):
        sequence = 0
        while not self.stopping.is_set():
            userid = f"{self.prefix}-{sequence}"
            sequence += 1
            body = json.dumps({"userid": userid, "sequence": sequence, "payload": "d" * 200})
            try:
                response = Client(self.client.host, self.client.port).request(
                    "POST", "/users", body
                )
            except (OSError, http.client.HTTPException):
                # The daemon was killed mid-request, so this write was never acknowledged.
                return
            if response.status == 200:
                self.acknowledged.append(userid)
            else:
                self.failure = response
                return


def test_acknowledged_writes_survive_sigkill(users_daemon):
    writers = [Writer(users_daemon.client, f"w{i}") for i in range(WRITER_THREADS)]
    for writer in writers:
        writer.start()

    deadline = time.monotonic() + WRITE_PHASE_TIMEOUT_S
    while sum(len(w.acknowledged) for w in writers) < MIN_ACKNOWLEDGED:
        assert time.monotonic() < deadline, "the writers were too slow"
        assert all(w.failure is None for w in writers), [w.failure for w in writers]
        time.sleep(0.01)

    # Killed while the writers are still sending.
    users_daemon.kill()
    for writer in writers:
        writer.stopping.set()
        writer.join(timeout=30)
        assert not writer.is_alive()
        assert writer.failure is None, writer.failure

    users = users_daemon.start().client
    acknowledged = [userid for writer in writers for userid in writer.acknowledged]
    missing = [
        userid
        for userid in acknowledged
        if users.request("GET", f"/users/{userid}").json().get("userid") != userid
    ]
    lost = f"{len(missing)} of {len(acknowledged)} acknowledged items lost: {missing[:10]}"
    assert not missing, lost

    stored = {item["userid"] for item in users.request("GET", "/users").json()}
    assert set(acknowledged) <= stored
