#!/usr/bin/env python3
"""Burst stress test: a real `ocpctl serve` under an open-loop burst of creates, a share of them duplicates.

Starts `ocpctl serve` (SQLite, or PostgreSQL with --postgres), then for --seconds sends --rate cluster creates
per second on schedule whatever the server answers (open loop), each --duplicates-th one reusing an earlier name
so the server must answer 409. Throughout, a separate client samples /healthz every 100 ms. When every create is
answered it counts the clusters, sends SIGTERM and times the exit against --shutdown-seconds.

Prints a JSON report on stdout (progress on stderr); exits 0 whatever it measured: the caller judges.
Standard library only, so it runs wherever the tests run.
"""
import argparse
import asyncio
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

BASE = "/apis/ocpctl.io/v1alpha1"
NAMESPACE = "burst"


def log(message):
    print(f"burst: {message}", file=sys.stderr, flush=True)


def percentile(values, fraction):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def read_client_config(path):
    """server: and token: from the client config `serve` writes; a flat YAML map."""
    values = {}
    with open(path) as handle:
        for line in handle:
            key, _, value = line.partition(":")
            if value:
                values[key.strip()] = value.strip().strip('"')
    return values["server"], values.get("token")


class Connections:
    """Keep-alive HTTP/1.1 connections to one server: an idle one is reused, else a new one is opened, so
    requests never wait for each other on the client side (the load stays open-loop)."""

    def __init__(self, host, port):
        self.host, self.port, self.idle = host, port, []

    async def request(self, method, path, token=None, body=None, timeout=120):
        connection = self.idle.pop() if self.idle else None
        if connection is None:
            connection = await asyncio.open_connection(self.host, self.port)
        reader, writer = connection
        payload = body.encode() if body is not None else b""
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Length: {len(payload)}\r\n"
        if token:
            head += f"Authorization: Bearer {token}\r\n"
        if body is not None:
            head += "Content-Type: application/json\r\n"
        writer.write(head.encode() + b"\r\n" + payload)
        try:
            status, keep = await asyncio.wait_for(self._response(reader), timeout)
        except BaseException:
            writer.close()
            raise
        if keep:
            self.idle.append(connection)
        else:
            writer.close()
        return status

    @staticmethod
    async def _response(reader):
        status_line = await reader.readline()
        if not status_line:
            raise ConnectionError("connection closed before an answer")
        status = int(status_line.split()[1])
        length, keep = 0, True
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value.strip())
            elif name == "connection" and value.strip().lower() == "close":
                keep = False
        if length:
            await reader.readexactly(length)
        return status, keep


def cluster_body(name):
    return json.dumps({
        "apiVersion": "ocpctl.io/v1alpha1", "kind": "Cluster",
        "metadata": {"name": name, "namespace": NAMESPACE},
        "spec": {"profile": "aws-minimal-test", "workers": 1},
    })


async def run_burst(server, token, rate, seconds, duplicates_every, request_timeout, stop=None):
    host, port = server.removeprefix("http://").rstrip("/").split(":")
    creates = Connections(host, int(port))
    count = int(rate * seconds)
    names = []
    for index in range(count):
        # Every duplicates_every-th create repeats an earlier name: the server must answer 409, not 5xx.
        if duplicates_every and index % duplicates_every == duplicates_every - 1:
            names.append(names[index // 2])
        else:
            names.append(f"b{index:06d}")
    statuses, latencies, errors, health = {}, [], [], []
    loop = asyncio.get_running_loop()
    start = loop.time() + 0.05
    sending = True
    # /healthz is measured until SIGTERM; a stopping server may refuse it.
    terminated = False

    async def create(index, scheduled):
        try:
            status = await creates.request("POST", f"{BASE}/namespaces/{NAMESPACE}/clusters", token, cluster_body(names[index]),
                                           request_timeout)
            statuses[status] = statuses.get(status, 0) + 1
        except BaseException as error:  # noqa: BLE001 - a timeout or reset is the finding
            errors.append(f"{type(error).__name__}: {error}"[:200])
        latencies.append(loop.time() - scheduled)

    def sample_health():
        # A thread of its own with plain blocking sockets, so the probe's timing does not include the wait for this
        # loop, which is busy with thousands of creates. One probe every 100 ms on a fresh connection, as a kubelet
        # probes; one unanswered after 5 s counts as 5 s and failed.
        while (sending or pending) and not terminated:
            asked = time.monotonic()
            try:
                connection = http.client.HTTPConnection(host, int(port), timeout=5)
                connection.request("GET", "/healthz")
                status = connection.getresponse().status
                connection.close()
                health.append((time.monotonic() - asked, status))
            except OSError:
                health.append((5.0, 0))
            time.sleep(max(0, 0.1 - (time.monotonic() - asked)))

    pending = set()
    sampler = threading.Thread(target=sample_health, daemon=True)
    sampler.start()
    for index in range(count):
        scheduled = start + index / rate
        delay = scheduled - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        task = asyncio.create_task(create(index, scheduled))
        pending.add(task)
        task.add_done_callback(pending.discard)
    sent_seconds = loop.time() - start
    sending = False
    stopped = None
    if stop is not None:
        # SIGTERM while the backlog is still there, and time the exit beside the answers still coming in.
        asked = loop.time()
        terminated = True
        stop.send_signal(signal.SIGTERM)
        while stop.poll() is None and loop.time() - asked < request_timeout:
            await asyncio.sleep(0.01)
        stopped = round(loop.time() - asked, 3) if stop.poll() is not None else None
    while pending:
        await asyncio.wait(set(pending))
    answered_seconds = loop.time() - start
    await asyncio.to_thread(sampler.join)
    health_latencies = [latency for latency, _ in health]
    created = statuses.get(201, 0)
    result = {"stopSecondsDuringBacklog": stopped} if stop is not None else {}
    return result | {
        "rate": rate, "seconds": seconds, "sent": count, "uniqueNames": len(set(names)),
        "sendSeconds": round(sent_seconds, 3), "answeredSeconds": round(answered_seconds, 3),
        "statuses": {str(code): number for code, number in sorted(statuses.items())},
        "errors": len(errors), "firstErrors": errors[:5],
        "createdPerSecond": round(created / answered_seconds, 1) if answered_seconds else 0,
        "createLatency": {"p50": percentile(latencies, 0.5), "p99": percentile(latencies, 0.99), "max": max(latencies, default=None)},
        "healthz": {"samples": len(health), "failed": sum(1 for _, status in health if status != 200),
                    "p50": percentile(health_latencies, 0.5), "p99": percentile(health_latencies, 0.99),
                    "max": max(health_latencies, default=None)},
    }


async def count_clusters(server, token):
    host, port = server.removeprefix("http://").rstrip("/").split(":")
    total, token_param = 0, ""
    while True:
        reader, writer = await asyncio.open_connection(host, int(port))
        path = f"{BASE}/namespaces/{NAMESPACE}/clusters?limit=500{token_param}"
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n".encode())
        raw = await reader.read()
        writer.close()
        body = json.loads(raw.split(b"\r\n\r\n", 1)[1])
        total += len(body.get("items", []))
        cont = body.get("metadata", {}).get("continue")
        if not cont:
            return total
        token_param = "&continue=" + urllib.parse.quote(cont, safe="")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ocpctl", required=True, help="the ocpctl binary")
    parser.add_argument("--postgres", help="PostgreSQL URL (a fresh database); default: SQLite in the data directory")
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--duplicates-every", type=int, default=3, help="every Nth create reuses an earlier name (0: none)")
    parser.add_argument("--shutdown-seconds", type=float, default=20)
    parser.add_argument("--request-timeout", type=float, default=120)
    parser.add_argument("--profiles", default="profiles")
    parser.add_argument("--keep", action="store_true", help="keep the data directory and its serve.log")
    parser.add_argument("--sigterm-at-send-end", action="store_true",
                        help="send SIGTERM as the last create is sent, with the backlog still queued, instead of after every answer")
    parser.add_argument("--unread-log", action="store_true",
                        help="give serve a pipe for its log that nobody reads, as a stalled log shipper would")
    options = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="ocpctl-burst-")
    serve_log = open(os.path.join(data_dir, "serve.log"), "w")
    arguments = [options.ocpctl, "serve", "--data-dir", data_dir, "--port", "0", "--sim-durations", "instant",
                 "--profiles", options.profiles, "--shutdown-seconds", str(options.shutdown_seconds), "--log-format", "text",
                 # Plain HTTP: the burst measures request handling, and this client speaks it on raw sockets.
                 "--insecure-http"]
    if options.postgres:
        arguments += ["--postgres", options.postgres]
    if options.unread_log:
        # The read end stays open and unread: once the pipe's buffer is full, every write to it would block.
        unread, log_end = os.pipe()
        process = subprocess.Popen(arguments, stdout=log_end, stderr=log_end)
        os.close(log_end)
    else:
        process = subprocess.Popen(arguments, stdout=serve_log, stderr=subprocess.STDOUT)
    report = {"store": "postgres" if options.postgres else "sqlite", "dataDir": data_dir, "unreadLog": options.unread_log}
    try:
        config = os.path.join(data_dir, "client.yaml")
        deadline = time.monotonic() + 120
        while not os.path.exists(config):
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"ocpctl serve did not start; see {data_dir}/serve.log")
            time.sleep(0.05)
        time.sleep(0.2)
        server, token = read_client_config(config)
        log(f"{report['store']}: {options.rate}/s for {options.seconds} s against {server}")
        report.update(asyncio.run(run_burst(server, token, options.rate, options.seconds, options.duplicates_every,
                                            options.request_timeout, process if options.sigterm_at_send_end else None)))
        if options.sigterm_at_send_end:
            report["clusters"] = None
            report["stopSeconds"] = report.pop("stopSecondsDuringBacklog")
        else:
            try:
                report["clusters"] = asyncio.run(asyncio.wait_for(count_clusters(server, token), 120))
            except (asyncio.TimeoutError, OSError) as error:
                log(f"could not count the clusters: {type(error).__name__}")
                report["clusters"] = None
            asked = time.monotonic()
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=options.shutdown_seconds + 30)
                report["stopSeconds"] = round(time.monotonic() - asked, 3)
            except subprocess.TimeoutExpired:
                report["stopSeconds"] = None
        report["exitStatus"] = process.returncode
        report["shutdownSeconds"] = options.shutdown_seconds
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        serve_log.close()
    print(json.dumps(report, indent=2))
    if not options.keep and report.get("stopSeconds") is not None:
        subprocess.run(["rm", "-rf", data_dir], check=False)


if __name__ == "__main__":
    main()
