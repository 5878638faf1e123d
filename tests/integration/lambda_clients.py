"""AWS CLI and boto3 clients of a daemon's Lambda API, with dummy credentials."""

import json
import os
import subprocess

import boto3
from botocore.config import Config

AWS_CLI = "/usr/bin/aws"


def aws_environment(home):
    """Return an environment for AWS clients that reads no user configuration."""
    env = dict(os.environ)
    env.update(
        {
            "AWS_ACCESS_KEY_ID": "test",
            "AWS_SECRET_ACCESS_KEY": "test",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_CONFIG_FILE": str(home / "aws-config"),
            "AWS_SHARED_CREDENTIALS_FILE": str(home / "aws-credentials"),
            "AWS_PAGER": "",
            "HOME": str(home),
        }
    )
    return env


def run_cli(daemon, home, *args):
    """Run `aws lambda ARGS` against `daemon` and return the completed process."""
    command = [AWS_CLI, "lambda", *args, "--endpoint-url", daemon.aws_url, "--output", "json"]
    command += ["--cli-read-timeout", "60"]
    return subprocess.run(
        command, env=aws_environment(home), capture_output=True, text=True, timeout=120
    )


def cli_json(daemon, home, *args):
    """Run `aws lambda ARGS`, assert it succeeded and return its parsed output."""
    done = run_cli(daemon, home, *args)
    assert done.returncode == 0, f"aws lambda {args} failed: {done.stderr}"
    return json.loads(done.stdout) if done.stdout.strip() else None


def lambda_client(daemon):
    """Return a boto3 Lambda client of `daemon` that does not retry throttled calls."""
    return boto3.client(
        "lambda",
        endpoint_url=daemon.aws_url,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=Config(retries={"total_max_attempts": 1}, read_timeout=60),
    )
