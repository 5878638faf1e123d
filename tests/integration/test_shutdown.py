"""Stopping the daemon while functions are still running: SIGTERM, then a second signal."""

import http.client
import signal
import threading
import time

import pytest

from lambdad_harness import CONFIG_DIR, STOP_TIMEOUT_S, Daemon

HANGING_REQUESTS = 4


@pytest.fixture
def daemon(tmp_path):
    config = CONFIG_DIR / "shutdown.yaml"
    started = Daemon(tmp_path / "shutdown", config, extra_args=["--threads", "2"])
    yield started.start()
    if started.process.poll() is None:
        started.kill()


def send_hanging_requests(daemon):
    """Start requests to the hanging function on threads of their own; return the threads."""

    def call():
        connection = http.client.HTTPConnection("127.0.0.1", daemon.client.port, timeout=10)
        try:
            connection.request("GET", "/hang")
            connection.getresponse().read()
        except (OSError, http.client.HTTPException):
            pass  # The daemon may close the connection before the function responds.
        finally:
            connection.close()

    threads = [threading.Thread(target=call) for _ in range(HANGING_REQUESTS)]
    for thread in threads:
        thread.start()
    # Long enough for every request to reach the function, well before its 2 s timeout.
    time.sleep(0.5)
    return threads


def stop_with(daemon, signals, gap_s=0.2):
    """Send the signals `gap_s` apart; return the exit status and the seconds until the exit."""
    started = time.monotonic()
    for index, stop_signal in enumerate(signals):
        if index > 0:
            time.sleep(gap_s)
        daemon.process.send_signal(stop_signal)
    code = daemon.process.wait(timeout=STOP_TIMEOUT_S)
    return code, time.monotonic() - started


# The grace period (300 ms) passes while the functions still run, so the daemon closes their
# connections and then waits for the function timeout (2 s) before it exits. Repeated, because
# a response that completes during teardown races with the teardown and fails only in some runs.
@pytest.mark.parametrize("attempt", range(3))
def test_sigterm_waits_out_functions_past_grace(daemon, attempt):
    threads = send_hanging_requests(daemon)

    code, _ = stop_with(daemon, [signal.SIGTERM])

    assert code == 0, daemon.logs()
    assert "lambdad stopped. reason=SIGTERM unfinished_sessions=4" in daemon.logs()
    assert not (daemon.data_dir / "lambdad.sqlite3-wal").exists()
    for thread in threads:
        thread.join(timeout=10)


# The second signal comes within the grace period (0.2 s) or after it (0.8 s), while the
# daemon waits for the functions, which time out 2 s after they started.
@pytest.mark.parametrize("gap_s", [0.2, 0.8])
def test_second_signal_exits_at_once_and_keeps_writes(daemon, gap_s):
    assert daemon.client.request("PUT", "/users/kept", {"name": "Kept"}).status == 200
    threads = send_hanging_requests(daemon)

    code, seconds = stop_with(daemon, [signal.SIGINT, signal.SIGINT], gap_s)

    assert code == 1, daemon.logs()
    assert seconds < gap_s + 1.0, daemon.logs()
    assert "lambdad stopped without waiting for requests in flight." in daemon.logs()
    for thread in threads:
        thread.join(timeout=10)
    daemon.start()
    assert daemon.client.request("GET", "/users/kept").json()["name"] == "Kept"
    assert daemon.stop() == 0, daemon.logs()
