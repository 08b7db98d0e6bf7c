#!/usr/bin/env python3
"""The Python `kubernetes` client's dynamic client against a running `ocpctl serve`: list, watch and patch.

Usage: KUBECONFIG=DATA_DIR/kubeconfig python3 Tests/KubeClients/dynamic_client_test.py
Needs `pip install kubernetes`. Exits 0 when every step behaved, 1 with the failing step otherwise.
The dynamic client finds the Cluster kind through discovery (/apis, /apis/ocpctl.io/v1alpha1).
"""
import os
import sys
import threading
import time
import uuid

from kubernetes import config, dynamic
from kubernetes.client import api_client
from kubernetes.dynamic.exceptions import ConflictError, NotFoundError

NAMESPACE = os.environ.get("OCPCTL_TEST_NAMESPACE", "team-a")


def check(condition, message):
    if not condition:
        print(f"FAIL: {message}", file=sys.stderr)
        sys.exit(1)
    print(f"ok: {message}")


def main():
    client = dynamic.DynamicClient(api_client.ApiClient(configuration=config.load_kube_config(os.environ.get("KUBECONFIG"))))
    clusters = client.resources.get(api_version="ocpctl.io/v1alpha1", kind="Cluster")
    name = f"py-{uuid.uuid4().hex[:8]}"
    body = {
        "apiVersion": "ocpctl.io/v1alpha1",
        "kind": "Cluster",
        "metadata": {"name": name, "namespace": NAMESPACE, "labels": {"client": "python"}},
        "spec": {"profile": "aws-minimal-test", "workers": 0},
    }

    listed = clusters.get(namespace=NAMESPACE)
    version = listed.metadata.resourceVersion
    check(version, "a list carries the resourceVersion to watch from")

    events = []
    def follow():
        for event in clusters.watch(namespace=NAMESPACE, resource_version=version, timeout=20,
                                    field_selector=f"metadata.name={name}"):
            events.append((event["type"], event["object"].spec.workers))
            if event["type"] == "MODIFIED" and event["object"].spec.workers == 1:
                return
    watcher = threading.Thread(target=follow, daemon=True)
    watcher.start()
    time.sleep(0.5)

    created = clusters.create(body=body, namespace=NAMESPACE)
    check(created.metadata.uid, "create returns the stored object")
    selected = clusters.get(namespace=NAMESPACE, label_selector="client=python")
    check(name in [item.metadata.name for item in selected.items], "a label-selected list holds the new cluster")

    patched = clusters.patch(name=name, namespace=NAMESPACE, body={"spec": {"workers": 1}},
                             content_type="application/merge-patch+json")
    check(patched.spec.workers == 1, "a merge patch changes spec.workers")
    json_patched = clusters.patch(name=name, namespace=NAMESPACE, content_type="application/json-patch+json",
                                  body=[{"op": "test", "path": "/spec/workers", "value": 1},
                                        {"op": "add", "path": "/metadata/labels/tier", "value": "gold"}])
    check(json_patched.metadata.labels["tier"] == "gold", "a JSON patch with a passing test applies")

    applied = clusters.server_side_apply(body={**body, "spec": {"profile": "aws-minimal-test", "workers": 1}},
                                         name=name, namespace=NAMESPACE, field_manager="python-client")
    check(any(entry.manager == "python-client" for entry in applied.metadata.managedFields),
          "server-side apply records the field manager")
    try:
        clusters.server_side_apply(body={**body, "spec": {"profile": "aws-minimal-test", "workers": 2}},
                                   name=name, namespace=NAMESPACE, field_manager="someone-else")
        check(False, "a conflicting apply is refused")
    except ConflictError as error:
        check("python-client" in str(error.body) or "kubectl" in str(error.body) or "conflict" in str(error.body),
              "a conflicting apply is 409 naming the owner")

    watcher.join(timeout=30)
    types = [kind for kind, _ in events]
    check(types[:1] == ["ADDED"] and "MODIFIED" in types, f"the watch saw ADDED then MODIFIED: {events}")

    clusters.delete(name=name, namespace=NAMESPACE, body={"propagationPolicy": "Background"})
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            clusters.get(name=name, namespace=NAMESPACE)
            time.sleep(0.5)
        except NotFoundError:
            break
    else:
        check(False, "the deleted cluster goes")
    print("PASS")


if __name__ == "__main__":
    main()
