"""Start the real lambdad binary and talk to it over HTTP, for the integration tests.

Only the Python standard library is used: http.client for ordinary requests and raw sockets
where a client library would normalise what is sent or received (header case, repeated
headers, oversized bodies).
"""

import http.client
import json
import os
import pathlib
import signal
import socket
import subprocess
import time
import uuid
from decimal import Decimal

REPO_ROOT = pathlib.Path(__file__).resolve().parents[2]
CONFIG_DIR = pathlib.Path(__file__).resolve().parent / "configs"

READY_TIMEOUT_S = 20.0
STOP_TIMEOUT_S = 20.0
REQUEST_TIMEOUT_S = 30.0


def lambdad_binary():
    """Return the daemon under test: $LAMBDAD_BIN, else build/src/lambdad in the repository."""
    path = os.environ.get("LAMBDAD_BIN") or str(REPO_ROOT / "build" / "src" / "lambdad")
    if not os.access(path, os.X_OK):
        raise RuntimeError(
            f"lambdad binary not found at {path}: build it, or set LAMBDAD_BIN to its path"
        )
    return path


class Response:
    """One HTTP response: status, header fields in arrival order and the body bytes."""

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        """Return the last value of header `name` (any case), or None."""
        values = self.header_values(name)
        return values[-1] if values else None

    def header_values(self, name):
        """Return every value of header `name` (any case), in arrival order."""
        return [value for key, value in self.headers if key.lower() == name.lower()]

    def json(self):
        """Parse the body as JSON, keeping every digit of numbers as Decimal."""
        return json.loads(self.body, parse_float=Decimal, parse_int=Decimal)

    def __repr__(self):
        return f"Response({self.status}, {self.headers!r}, {self.body[:300]!r})"


class Client:
    """Sends requests to one daemon, a new connection per request."""

    def __init__(self, host, port):
        self.host = host
        self.port = port

    def request(self, method, path, body=None, headers=None):
        """Send one request and return its Response. A dict or list body is sent as JSON."""
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT_S)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            reply = connection.getresponse()
            return Response(reply.status, reply.getheaders(), reply.read())
        finally:
            connection.close()

    def raw(self, data):
        """Send `data` as it is on a new socket, read until the server closes, and parse it.

        The request should carry `Connection: close`.
        """
        with socket.create_connection((self.host, self.port), timeout=REQUEST_TIMEOUT_S) as sock:
            sock.sendall(data)
            return parse_raw_response(read_until_closed(sock))


def read_until_closed(sock):
    """Return every byte a socket receives until the peer closes it."""
    chunks = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def parse_raw_response(data):
    """Parse one HTTP/1.1 response with a Content-Length body, keeping header case."""
    head, separator, rest = data.partition(b"\r\n\r\n")
    assert separator, f"no complete response head in {data[:300]!r}"
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.append((name, value.strip()))
    response = Response(status, headers, b"")
    length = response.header("Content-Length")
    response.body = rest[: int(length)] if length is not None else rest
    return response


class Daemon:
    """One lambdad process serving on a free loopback port."""

    def __init__(self, work_dir, config=None, data_dir=None, extra_args=()):
        """Prepare a daemon that runs in `work_dir` and keeps its data in `data_dir`.

        `data_dir` defaults to `work_dir`/data. With data_dir="default" no --data-dir is passed,
        so the daemon uses its own default, .lambdad under `work_dir`.
        """
        self.work_dir = pathlib.Path(work_dir)
        self.work_dir.mkdir(parents=True, exist_ok=True)
        self.config = config
        self.pass_data_dir = data_dir != "default"
        if data_dir == "default":
            self.data_dir = self.work_dir / ".lambdad"
        else:
            self.data_dir = pathlib.Path(data_dir) if data_dir else self.work_dir / "data"
        self.extra_args = list(extra_args)
        self.process = None
        self.url = None
        self.aws_url = None
        self.client = None
        self.aws_client = None
        self.starts = 0
        self.killed = False

    def command(self, ready_file):
        command = [lambdad_binary(), "serve", "--host", "127.0.0.1", "--port", "0", "--aws-port", "0"]
        command += ["--ready-file", str(ready_file), "--log-level", "info"]
        if self.pass_data_dir and "--in-memory" not in self.extra_args:
            command += ["--data-dir", str(self.data_dir)]
        if self.config:
            command += ["--config", str(self.config)]
        return command + self.extra_args

    def start(self):
        """Start the daemon and wait until its ready file names its URL."""
        self.starts += 1
        self.killed = False
        ready_file = self.work_dir / f"ready-{self.starts}"
        self.stdout_path = self.work_dir / f"stdout-{self.starts}.log"
        self.stderr_path = self.work_dir / f"stderr-{self.starts}.log"
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            # The work directory is the daemon's current directory, so that a default data
            # directory lands there and never in the source or build tree.
            self.process = subprocess.Popen(
                self.command(ready_file), stdout=out, stderr=err, cwd=self.work_dir
            )
        self.url, self.aws_url = wait_for_ready_file(ready_file, self.process, self.logs)
        self.client = client_for(self.url)
        self.aws_client = client_for(self.aws_url)
        return self

    def logs(self):
        """Return what the current process wrote to stdout and stderr so far."""
        stdout = self.stdout_path.read_text(errors="replace")
        stderr = self.stderr_path.read_text(errors="replace")
        return f"--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"

    def stop(self, sig=signal.SIGTERM):
        """Stop the daemon with `sig`, SIGKILL after STOP_TIMEOUT_S, and return its exit code."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError(
                f"lambdad did not stop within {STOP_TIMEOUT_S} s of {sig.name}\n{self.logs()}"
            )

    def kill(self):
        """Kill the daemon with SIGKILL, as a crash would, and wait for it."""
        self.killed = True
        self.process.kill()
        self.process.wait()

    def restart(self):
        """Stop the daemon gracefully and start it again on the same data directory."""
        code = self.stop()
        assert code == 0, f"lambdad exited with {code} on SIGTERM\n{self.logs()}"
        return self.start()


def client_for(url):
    """Return a Client of the server at `url`, of the form http://HOST:PORT."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    return Client(host, int(port))


def wait_for_ready_file(path, process, logs):
    """Poll until `path` names the API URL and the AWS endpoint URL, and return both.

    Fail if the daemon exits or time runs out.
    """
    deadline = time.monotonic() + READY_TIMEOUT_S
    delay = 0.005
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"lambdad exited with {process.returncode} before ready\n{logs()}")
        if path.exists():
            lines = path.read_text().splitlines()
            assert len(lines) == 2, f"ready file {path} should hold two lines, has {lines!r}"
            for line in lines:
                assert line.startswith("http://"), f"ready file holds {line!r}"
            return lines[0], lines[1]
        time.sleep(delay)
        delay = min(delay * 2, 0.1)
    process.kill()
    process.wait()
    raise AssertionError(f"lambdad was not ready within {READY_TIMEOUT_S} s\n{logs()}")


def assert_uuid(text, version=None):
    """Assert that `text` is a lower-case 8-4-4-4-12 UUID of the given version."""
    parsed = uuid.UUID(text)
    assert str(parsed) == text, f"{text!r} is not in lower-case 8-4-4-4-12 form"
    if version is not None:
        assert parsed.version == version, f"{text!r} is a version {parsed.version} UUID"
    return parsed
