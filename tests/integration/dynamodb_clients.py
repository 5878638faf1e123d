"""Real AWS clients (Debian's AWS CLI and boto3) pointed at a daemon's AWS endpoint."""

import json
import os
import subprocess

AWS_CLI = "/usr/bin/aws"

# Dummy credentials and a region: lambdad accepts any signature, and no client may look for
# credentials on a metadata service.
CLIENT_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": "test",
    "AWS_SECRET_ACCESS_KEY": "test",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_PAGER": "",
}


def cli_environment():
    """Return the environment for the AWS CLI: ours plus the dummy credentials."""
    environment = dict(os.environ)
    environment.update(CLIENT_ENVIRONMENT)
    environment.pop("AWS_PROFILE", None)
    return environment


class AwsCli:
    """Runs `aws dynamodb ...` against one daemon."""

    def __init__(self, endpoint_url):
        self.endpoint_url = endpoint_url

    def run(self, *args):
        """Run a dynamodb subcommand; return (exit code, parsed stdout or None, stderr)."""
        command = [AWS_CLI, "dynamodb", *args, "--endpoint-url", self.endpoint_url,
                   "--output", "json"]
        done = subprocess.run(command, capture_output=True, text=True, env=cli_environment(),
                              timeout=60)
        output = json.loads(done.stdout) if done.stdout.strip() else None
        return done.returncode, output, done.stderr

    def ok(self, *args):
        """Run a subcommand that must succeed and return its parsed output."""
        code, output, stderr = self.run(*args)
        assert code == 0, f"aws dynamodb {args[0]} failed: {stderr}"
        return output

    def fail(self, *args):
        """Run a subcommand that must fail and return its stderr."""
        code, _, stderr = self.run(*args)
        assert code != 0, f"aws dynamodb {args[0]} unexpectedly succeeded"
        return stderr


def boto3_client(endpoint_url):
    """Return a boto3 DynamoDB client of the daemon, with dummy credentials."""
    import boto3
    import botocore.config

    return boto3.client(
        "dynamodb",
        endpoint_url=endpoint_url,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
        config=botocore.config.Config(retries={"max_attempts": 1}),
    )
