"""Fixtures for the multi-instance work: an S3 service (moto's server mode) on a free port."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator

import pytest

AWS_UJI = {
    "AWS_ACCESS_KEY_ID": "uji-kunci",
    "AWS_SECRET_ACCESS_KEY": "uji-rahasia",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def port_bebas() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def moto_s3() -> Iterator[str]:
    """moto's S3 server on a free port; yields its endpoint URL (AWS_* variables set for it)."""
    from moto.server import ThreadedMotoServer

    port = port_bebas()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    url = f"http://127.0.0.1:{port}"
    lama = {k: os.environ.get(k) for k in [*AWS_UJI, "AWS_ENDPOINT_URL"]}
    os.environ.update(AWS_UJI, AWS_ENDPOINT_URL=url)
    yield url
    server.stop()
    for k, v in lama.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@pytest.fixture
def s3_alamat(moto_s3) -> str:
    """A fresh bucket on the moto server; returns ``s3://bucket/prefix`` for SIGAP_STORAGE."""
    import boto3

    bucket = f"sigap-uji-{uuid.uuid4().hex[:12]}"
    boto3.client("s3", endpoint_url=moto_s3).create_bucket(Bucket=bucket)
    return f"s3://{bucket}/berkas"
