"""Fixtures that run the real lambdad binary, built on lambdad_harness.py."""

import pytest

from lambdad_harness import CONFIG_DIR, Daemon


def start_daemon(request, work_dir, config=None, extra_args=()):
    """Start a daemon and stop it with SIGTERM when the test ends, asserting exit status 0."""
    daemon = Daemon(work_dir, config=config, extra_args=extra_args).start()

    def stop():
        exited = daemon.process.poll()
        if exited is not None:
            # Exited before the end of the test: fine after Daemon.kill(), a crash otherwise.
            assert daemon.killed or exited == 0, f"lambdad exited with {exited}\n{daemon.logs()}"
            return
        code = daemon.stop()
        assert code == 0, f"lambdad exited with {code} on SIGTERM\n{daemon.logs()}"

    request.addfinalizer(stop)
    return daemon


@pytest.fixture
def users_daemon(request, tmp_path):
    """A daemon serving the embedded default configuration, the Users service."""
    return start_daemon(request, tmp_path / "users")


@pytest.fixture
def users(users_daemon):
    """A client of the Users service."""
    return users_daemon.client


@pytest.fixture
def test_daemon(request, tmp_path):
    """A daemon serving configs/test-service.yaml: Users, echo and fixed-response functions."""
    return start_daemon(request, tmp_path / "test-service", CONFIG_DIR / "test-service.yaml")


@pytest.fixture
def api(test_daemon):
    """A client of the test service."""
    return test_daemon.client
