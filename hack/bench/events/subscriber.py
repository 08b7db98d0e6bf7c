#!/usr/bin/env python3
"""Pulls a Pub/Sub subscription on the emulator until COUNT lifecycle events arrived, then prints the
rate and change-to-subscriber latency. Latency is receipt time minus the event's commit time (`timeMillis`,
the database's clock at commit, on this machine). The rate counts from the first commit (FROM=commit: the
changes' own pace bounds it) or from the first receipt (FROM=receipt: a backlog drained as fast as it goes).
Usage: subscriber.py HOST SUBSCRIPTION COUNT [commit|receipt]"""
import base64
import json
import sys
import time
import urllib.request

host, subscription, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])
rate_from = sys.argv[4] if len(sys.argv) > 4 else "commit"


def call(path, body):
    request = urllib.request.Request(f"http://{host}/v1/{path}", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    # Longer than the emulator holds an empty pull (about 90 s): a pull given up on still takes messages.
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read() or b"{}")


seen, latencies, first_commit, first_receipt, last_receipt = set(), [], None, None, None
while len(seen) < wanted:
    pulled = call(f"{subscription}:pull", {"maxMessages": 1000})
    now = time.time() * 1000
    acks = []
    for received in pulled.get("receivedMessages", []):
        acks.append(received["ackId"])
        event = json.loads(base64.b64decode(received["message"]["data"]))
        if event["type"] == "cluster.reconcile" or event["id"] in seen:
            continue
        seen.add(event["id"])
        latencies.append(now - event["timeMillis"])
        first_commit = min(first_commit or event["timeMillis"], event["timeMillis"])
        first_receipt = first_receipt or now
        last_receipt = now
    if acks:
        call(f"{subscription}:acknowledge", {"ackIds": acks})

latencies.sort()
def pct(p):
    return latencies[min(len(latencies) - 1, int(len(latencies) * p))]
start = first_receipt if rate_from == "receipt" else first_commit
seconds = max(last_receipt - start, 1) / 1000
print(f"{len(seen)} events in {seconds:.2f} s from first {rate_from} to last receipt: {len(seen) / seconds:.0f} events/s")
print(f"change-to-subscriber latency: p50 {pct(0.50):.0f} ms, p99 {pct(0.99):.0f} ms, max {latencies[-1]:.0f} ms")
