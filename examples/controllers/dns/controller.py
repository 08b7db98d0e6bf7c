#!/usr/bin/env python3
"""An example external controller for ocpctl: DNS records for clusters on one platform.

It is the template for writing one (see README.md here): pull cluster events from a Pub/Sub
subscription, keep those for your platform, do your part, and report status back to ocpctl.
Python's standard library only.

Its visible work: one line per cluster in a zone file (ZONE_FILE), an `api.NAME.BASEDOMAIN` record.
A cluster whose spec.tags has `dns-fail: "true"` gets an error report instead, to show Degraded.
"""
import base64
import json
import os
import signal
import ssl
import sys
import time
import urllib.error
import urllib.request

NAME = os.environ.get("CONTROLLER_NAME", "dns")
PLATFORM = os.environ.get("PLATFORM", "aws")
SUBSCRIPTION = os.environ["PUBSUB_SUBSCRIPTION"]          # projects/P/subscriptions/S
SERVER = os.environ["OCPCTL_SERVER"].rstrip("/")           # https://127.0.0.1:8080
TOKEN = os.environ["OCPCTL_TOKEN"]                         # a controller token allowed to report as NAME
CA_FILE = os.environ.get("OCPCTL_CA_FILE")                 # the CA that signed ocpctl's certificate (DATA_DIR/tls/ca.crt)
ZONE_FILE = os.environ.get("ZONE_FILE", "zone.txt")
EMULATOR = os.environ.get("PUBSUB_EMULATOR_HOST")          # host:port of the emulator; unset for Google
PUBSUB = f"http://{EMULATOR}" if EMULATOR else "https://pubsub.googleapis.com"

# The newest generation handled per cluster uid: a redelivered older event must not move status backwards.
handled = {}


# The emulator takes no credentials; Google takes an access token (e.g. `gcloud auth print-access-token`).
PUBSUB_TOKEN = None if EMULATOR else os.environ.get("PUBSUB_ACCESS_TOKEN")
# ocpctl serves HTTPS with a certificate of its own CA: trust that CA (and the system's, without one).
TLS = ssl.create_default_context(cafile=CA_FILE)


def call(url, body, method="POST", token=PUBSUB_TOKEN, timeout=30):
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method=method, headers=headers)
    context = TLS if url.startswith("https:") else None
    with urllib.request.urlopen(request, timeout=timeout, context=context) as response:
        return json.loads(response.read() or b"{}")


def report(cluster, generation, available, metadata=None, error=None):
    """PUT .../clusters/NAME/controllers/CONTROLLER: observedGeneration, conditions, metadata, lastError."""
    body = {
        "observedGeneration": generation,
        "conditions": [{"type": "Available", "status": "True" if available else "False",
                        "reason": "RecordPublished" if available else "RecordRefused"}],
        "metadata": metadata or {},
    }
    if error:
        body["lastError"] = {"message": error, "reason": "ZoneRefused"}
    url = f"{SERVER}/apis/ocpctl.io/v1alpha1/namespaces/{cluster['namespace']}/clusters/{cluster['name']}/controllers/{NAME}"
    try:
        call(url, body, method="PUT", token=TOKEN)
    except urllib.error.HTTPError as failure:
        if failure.code != 404:  # a cluster already gone has nothing to report on
            raise


def write_zone(records):
    with open(ZONE_FILE + ".tmp", "w") as zone:
        for name in sorted(records):
            zone.write(f"{name} 300 IN CNAME {records[name]}\n")
    os.replace(ZONE_FILE + ".tmp", ZONE_FILE)


def read_zone():
    records = {}
    if os.path.exists(ZONE_FILE):
        for line in open(ZONE_FILE):
            parts = line.split()
            if len(parts) == 5:
                records[parts[0]] = parts[4]
    return records


def handle(event, records):
    cluster = event["cluster"]
    if cluster["platform"] != PLATFORM:
        return  # not ours: every controller sees every event and filters for itself
    if handled.get(cluster["uid"], 0) > cluster["generation"]:
        return
    handled[cluster["uid"]] = cluster["generation"]
    record = f"api.{cluster['name']}.{cluster['spec'].get('baseDomain', 'example.com')}."
    if event["type"] == "cluster.deleted":
        records.pop(record, None)
        write_zone(records)
        return
    if cluster["spec"].get("tags", {}).get("dns-fail") == "true":
        report(cluster, cluster["generation"], False, error=f"the zone refused {record}")
        return
    records[record] = f"lb-{cluster['uid']}.{PLATFORM}.internal."
    write_zone(records)
    report(cluster, cluster["generation"], True, metadata={"record": record})


def main():
    # SIGTERM and SIGINT end the process at once, even mid-pull: an event handled but not yet
    # acknowledged is simply delivered again.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    records = read_zone()
    print(f"controller {NAME}: platform {PLATFORM}, subscription {SUBSCRIPTION}", flush=True)
    while True:
        try:
            # The server holds a pull until messages come (the emulator for about 90 s). Wait longer than that: a pull
            # given up on still takes messages, which then wait out their ack deadline before anyone sees them.
            pulled = call(f"{PUBSUB}/v1/{SUBSCRIPTION}:pull", {"maxMessages": 100}, timeout=120)
        except Exception as failure:  # the emulator or ocpctl away: try again shortly
            print(f"pull failed: {failure}", file=sys.stderr, flush=True)
            time.sleep(1)
            continue
        acks = []
        for received in pulled.get("receivedMessages", []):
            event = json.loads(base64.b64decode(received["message"]["data"]))
            try:
                handle(event, records)
            except Exception as failure:  # not acknowledged: Pub/Sub redelivers it
                print(f"event {event.get('id')}: {failure}", file=sys.stderr, flush=True)
                continue
            acks.append(received["ackId"])
        if acks:
            call(f"{PUBSUB}/v1/{SUBSCRIPTION}:acknowledge", {"ackIds": acks})


if __name__ == "__main__":
    main()
