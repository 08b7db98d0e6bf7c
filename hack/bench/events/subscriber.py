#!/usr/bin/env python3
"""Pulls a Pub/Sub subscription on the emulator until COUNT lifecycle events arrived, then prints the
publish rate and change-to-subscriber latency. Latency is receipt time minus the event's commit time
(`timeMillis`, the database's clock at commit, on this machine). Usage: subscriber.py HOST SUBSCRIPTION COUNT"""
import base64
import json
import sys
import time
import urllib.request

host, subscription, wanted = sys.argv[1], sys.argv[2], int(sys.argv[3])


def call(path, body):
    request = urllib.request.Request(f"http://{host}/v1/{path}", data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"{}")


seen, latencies, first_commit, last_receipt = set(), [], None, None
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
        last_receipt = now
    if acks:
        call(f"{subscription}:acknowledge", {"ackIds": acks})

latencies.sort()
def pct(p):
    return latencies[min(len(latencies) - 1, int(len(latencies) * p))]
seconds = (last_receipt - first_commit) / 1000
print(f"{len(seen)} events in {seconds:.2f} s from first commit to last receipt: {len(seen) / seconds:.0f} events/s")
print(f"change-to-subscriber latency: p50 {pct(0.50):.0f} ms, p99 {pct(0.99):.0f} ms, max {latencies[-1]:.0f} ms")
