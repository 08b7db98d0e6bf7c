#!/usr/bin/env python3
"""The original REST API (/api/v1) against a live `ocpctl serve`, every answer checked against the OpenAPI
document the server serves; then schemathesis fuzzes the same document for server errors and schema violations.

usage: v1_contract.py BASE_URL ADMIN_TOKEN [--cacert FILE] [--seed N] [--examples N]
"""
import argparse, json, ssl, subprocess, sys, time, urllib.error, urllib.request, uuid

from jsonschema import Draft4Validator
from openapi_spec_validator import validate as validate_spec
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4


class Client:
    def __init__(self, base, token, context):
        self.base, self.token, self.context = base.rstrip("/"), token, context
        self.doc = self.fetch("GET", "/api/v1/openapi.json", auth=False)[1]
        validate_spec(self.doc)
        self.registry = Registry().with_resource("urn:v1", Resource.from_contents(self.doc, default_specification=DRAFT4))

    def fetch(self, method, path, body=None, key=None, auth=True):
        request = urllib.request.Request(self.base + path, method=method, data=None if body is None else json.dumps(body).encode())
        request.add_header("Content-Type", "application/json")
        if auth:
            request.add_header("Authorization", "Bearer " + self.token)
        if key:
            request.add_header("Idempotency-Key", key)
        try:
            with urllib.request.urlopen(request, context=self.context, timeout=30) as response:
                return response.status, json.loads(response.read() or b"null"), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null"), dict(error.headers)

    def call(self, method, path, template, expect, body=None, key=None):
        """Calls, checks the status, and validates the body against the document's schema for that answer."""
        code, payload, headers = self.fetch(method, path, body, key)
        assert code == expect, f"{method} {path}: {code} (expected {expect}): {payload}"
        responses = self.doc["paths"][template][method.lower()]["responses"]
        spec = responses.get(str(code))
        assert spec is not None, f"{method} {path}: status {code} is not documented"
        if "$ref" in spec:
            spec = self.doc["components"]["responses"][spec["$ref"].split("/")[-1]]
        schema = spec["content"]["application/json"]["schema"]
        resolver_schema = {"$ref": "urn:v1#" + schema["$ref"][1:]} if "$ref" in schema else schema
        Draft4Validator(resolver_schema, registry=self.registry).validate(payload)
        print(f"ok {method} {path} -> {code}")
        return payload, headers


def wait_for(what, check, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def flow(c):
    name = "v1-" + uuid.uuid4().hex[:8]
    body = {"name": name, "platform": "aws", "version": "4.20.3", "profile": "aws-minimal-test", "region": "us-east-1",
            "baseDomain": "labs.example.com", "owner": "alice@example.com", "team": "team-a", "costCenter": "cc-7", "ttlHours": 24}
    code, error, _ = c.fetch("POST", "/api/v1/clusters", body)
    assert code == 400 and error["error"]["code"] == "IDEMPOTENCY_KEY_REQUIRED", (code, error)
    key = "create-" + name
    created, _ = c.call("POST", "/api/v1/clusters", "/api/v1/clusters", 201, body, key)
    assert created["status"] == "PENDING" and created["team"] == "team-a" and created["ttlHours"] == 24, created
    replayed, headers = c.call("POST", "/api/v1/clusters", "/api/v1/clusters", 201, body, key)
    assert replayed == created and headers.get("Idempotent-Replayed") == "true", headers
    mismatch, _ = c.call("POST", "/api/v1/clusters", "/api/v1/clusters", 422, dict(body, costCenter="other"), key)
    assert "already used" in mismatch["error"]["message"], mismatch
    wrong, _ = c.call("POST", "/api/v1/clusters", "/api/v1/clusters", 422, dict(body, name=name + "-x", platform="ibmcloud"), "p-" + name)
    assert any(f["field"] == "platform" for f in wrong["error"].get("fields", [])), wrong

    cid = created["id"]
    listed, _ = c.call("GET", "/api/v1/clusters?team=team-a&limit=10", "/api/v1/clusters", 200)
    assert any(item["id"] == cid for item in listed["clusters"]) and listed["limit"] == 10, listed
    got = wait_for("READY", lambda: (lambda g: g if g["status"] == "READY" else None)(c.call("GET", f"/api/v1/clusters/{cid}", "/api/v1/clusters/{id}", 200)[0]))
    c.call("GET", "/api/v1/clusters?status=READY&owner=alice@example.com", "/api/v1/clusters", 200)

    scaled, _ = c.call("POST", f"/api/v1/clusters/{cid}/scale-workers", "/api/v1/clusters/{id}/scale-workers", 202, {"workers": 2}, "scale-" + name)
    assert scaled["workers"] == 2, scaled
    wait_for("two workers", lambda: (lambda g: g if g["status"] == "READY" and g.get("lastJobId") else None)(
        c.call("GET", f"/api/v1/clusters/{cid}", "/api/v1/clusters/{id}", 200)[0]))
    outputs, _ = c.call("GET", f"/api/v1/clusters/{cid}/outputs", "/api/v1/clusters/{id}/outputs", 200)
    assert outputs["clusterId"] == cid and outputs["apiUrl"].startswith("https://api." + name), outputs
    job_id = c.call("GET", f"/api/v1/clusters/{cid}", "/api/v1/clusters/{id}", 200)[0]["lastJobId"]
    job, _ = c.call("GET", f"/api/v1/jobs/{job_id}", "/api/v1/jobs/{id}", 200)
    assert job["clusterId"] == cid and job["type"] in ("CREATE", "SCALE_WORKERS") and job["attempt"] >= 1, job
    c.call("GET", "/api/v1/jobs/no-such-job", "/api/v1/jobs/{id}", 404)
    c.call("GET", "/api/v1/reports/usage?groupBy=costCenter&since=1h", "/api/v1/reports/usage", 200)

    destroyed, _ = c.call("POST", f"/api/v1/clusters/{cid}/destroy", "/api/v1/clusters/{id}/destroy", 202, None, "destroy-" + name)
    assert destroyed["status"] == "DESTROYING", destroyed
    wait_for("gone", lambda: c.fetch("GET", f"/api/v1/clusters/{cid}")[0] == 404)
    c.call("GET", f"/api/v1/clusters/{cid}", "/api/v1/clusters/{id}", 404)


def fuzz(base, token, cacert, seed, examples):
    command = ["schemathesis", "run", base.rstrip("/") + "/api/v1/openapi.json", "-H", "Authorization: Bearer " + token,
               "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
               "-n", str(examples), "--seed", str(seed)]
    if cacert:
        command += ["--tls-verify", cacert]
    print("schemathesis seed", seed, flush=True)
    return subprocess.run(command).returncode


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("token")
    parser.add_argument("--cacert")
    parser.add_argument("--seed", type=int, default=int(time.time()) % 100000)
    parser.add_argument("--examples", type=int, default=25)
    args = parser.parse_args()
    context = ssl.create_default_context(cafile=args.cacert) if args.cacert else None
    flow(Client(args.base, args.token, context))
    sys.exit(fuzz(args.base, args.token, args.cacert, args.seed, args.examples))


if __name__ == "__main__":
    main()
