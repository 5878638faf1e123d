"""Data outlives the process: items written before a stop are served after a restart."""

import json
import signal

from lambdad_harness import Daemon


def test_items_survive_restart(users_daemon):
    users = users_daemon.client
    created = users.request("POST", "/users", '{"name": "Persisted", "n": 1}').json()
    users.request("POST", "/users", '{"userid": "deleted-later", "name": "Gone"}')
    users.request("DELETE", "/users/deleted-later")
    users.request("PUT", "/users/replaced", '{"version": 1}')
    users.request("PUT", "/users/replaced", '{"version": 2}')

    users = users_daemon.restart().client

    assert users.request("GET", f"/users/{created['userid']}").json() == created
    assert users.request("GET", "/users/deleted-later").json() == {}
    assert users.request("GET", "/users/replaced").json()["version"] == 2
    assert len(users.request("GET", "/users").json()) == 2


def test_data_lives_in_data_dir(users_daemon):
    users_daemon.client.request("POST", "/users", '{"name": "On disk"}')
    assert (users_daemon.data_dir / "lambdad.sqlite3").is_file()


def test_default_data_dir_is_dot_lambdad(tmp_path):
    daemon = Daemon(tmp_path, data_dir="default").start()
    try:
        response = daemon.client.request("PUT", "/users/default-dir", '{"a": 1}')
        assert response.status == 200, response
    finally:
        assert daemon.stop() == 0, daemon.logs()
    assert (tmp_path / ".lambdad" / "lambdad.sqlite3").is_file()

    daemon.start()
    try:
        assert daemon.client.request("GET", "/users/default-dir").json()["a"] == 1
    finally:
        assert daemon.stop() == 0, daemon.logs()


def test_in_memory_keeps_nothing(tmp_path):
    daemon = Daemon(tmp_path, extra_args=["--in-memory"]).start()
    try:
        response = daemon.client.request("POST", "/users", '{"userid": "m1"}')
        assert response.status == 200, response
        assert daemon.client.request("GET", "/users/m1").json() == {"userid": "m1"} | {
            "timestamp": response.json()["timestamp"]
        }
    finally:
        assert daemon.stop() == 0, daemon.logs()
    assert not (tmp_path / ".lambdad").exists()
    assert not daemon.data_dir.exists()

    daemon.start()
    try:
        assert daemon.client.request("GET", "/users/m1").json() == {}
    finally:
        assert daemon.stop() == 0, daemon.logs()


def test_sigint_stops_gracefully(users_daemon):
    users_daemon.client.request("PUT", "/users/interrupted", json.dumps({"a": 1}))
    assert users_daemon.stop(signal.SIGINT) == 0, users_daemon.logs()
    users = users_daemon.start().client
    assert users.request("GET", "/users/interrupted").json()["a"] == 1

