#!/usr/bin/env bash
# selftest.sh -- checks the two test doubles in this directory against a
# throwaway moto server: installer create -> files and tagged instances ->
# MachineSet scaling through the API double -> destroy -> nothing left; then a
# create that fails halfway (OPENSHIFT_INSTALL_DOUBLE_FAIL_AT) and a leaky
# destroy (OPENSHIFT_INSTALL_DOUBLE_DESTROY_LEAK). Exits non-zero when any check
# fails, naming it. KEEP=1 keeps the work directory.
set -u

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
INSTALLER="$HERE/openshift-install"
API_DOUBLE="$HERE/cluster-api-double"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/doubles-selftest.XXXXXX")"
PASSED=0
FAILED=0
FAILURES=()
MOTO_PID=""
API_PID=""

cleanup() {
    [ -n "$API_PID" ] && kill "$API_PID" 2>/dev/null && wait "$API_PID" 2>/dev/null
    [ -n "$MOTO_PID" ] && kill "$MOTO_PID" 2>/dev/null && wait "$MOTO_PID" 2>/dev/null
    if [ "${KEEP:-0}" = 1 ]; then echo "work directory kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

pass() { PASSED=$((PASSED + 1)); echo "ok   - $1"; }
fail() { FAILED=$((FAILED + 1)); FAILURES+=("$1"); echo "FAIL - $1"; }
check() { local what="$1"; shift; if "$@"; then pass "$what"; else fail "$what"; fi; }
contains() { grep -qF -- "$2" "$1"; }
lacks() { ! grep -qF -- "$2" "$1"; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for_port() {
    python3 - "$1" <<'EOF'
import socket, sys, time
deadline = time.time() + 30
while time.time() < deadline:
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
EOF
}

# --- moto and the API double

MOTO_PORT="$(free_port)"
python3 -m moto.server -p "$MOTO_PORT" >"$WORK/moto.log" 2>&1 &
MOTO_PID=$!
if ! wait_for_port "$MOTO_PORT"; then echo "moto did not start:"; cat "$WORK/moto.log"; exit 1; fi

unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL_EC2 OPENSHIFT_INSTALL_DOUBLE_FAIL_AT \
    OPENSHIFT_INSTALL_DOUBLE_DESTROY_LEAK OPENSHIFT_INSTALL_DOUBLE_SECRET OPENSHIFT_INSTALL_PRESERVE_BOOTSTRAP
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
export AWS_ENDPOINT_URL="http://127.0.0.1:$MOTO_PORT"

"$API_DOUBLE" --port 0 --aws-endpoint "$AWS_ENDPOINT_URL" >"$WORK/api.out" 2>"$WORK/api.err" &
API_PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/api.out" ] && break; sleep 0.1; done
API_URL="$(sed -n '1s/^listening on //p' "$WORK/api.out")"
if [ -z "$API_URL" ]; then echo "the API double did not start:"; cat "$WORK/api.err"; exit 1; fi
export OPENSHIFT_INSTALL_DOUBLE_API_URL="$API_URL"
echo "# moto on port $MOTO_PORT, API double on $API_URL, work in $WORK"

# probe.py: the checks that need boto3 or HTTP
cat >"$WORK/probe.py" <<'EOF'
import hashlib, hmac, json, re, sys, urllib.error, urllib.request
import boto3
import yaml

def fail(msg):
    print("    " + msg)
    sys.exit(1)

def ec2():
    return boto3.client("ec2", region_name="us-east-1")

def instances(infra):
    out = []
    for r in ec2().describe_instances(Filters=[{"Name": "tag:kubernetes.io/cluster/" + infra,
                                                "Values": ["owned"]}])["Reservations"]:
        for i in r["Instances"]:
            i["TagMap"] = {t["Key"]: t["Value"] for t in i.get("Tags", [])}
            out.append(i)
    return out

def kube(d):
    k = yaml.safe_load(open(d + "/auth/kubeconfig"))
    return k["clusters"][0]["cluster"]["server"], k["users"][0]["user"]["token"]

def http(method, url, token=None, body=None, ctype="application/json"):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()

def machinesets(server, token):
    code, text = http("GET", server + "/apis/machine.openshift.io/v1beta1/namespaces/openshift-machine-api/machinesets",
                      token)
    if code != 200:
        fail("list machinesets: %d %s" % (code, text))
    return json.loads(text)["items"]

cmd, args = sys.argv[1], sys.argv[2:]

if cmd == "metadata":
    d, name = args
    m = json.load(open(d + "/metadata.json"))
    infra = m.get("infraID", "")
    if m.get("clusterName") != name: fail("clusterName %r" % m.get("clusterName"))
    if not re.match(r"^%s-[bcdfghjklmnpqrstvwxz2456789]{5}$" % re.escape(name), infra): fail("infraID %r" % infra)
    if not re.match(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", m.get("clusterID", "")):
        fail("clusterID %r" % m.get("clusterID"))
    aws = m.get("aws", {})
    if aws.get("region") != "us-east-1": fail("aws.region %r" % aws.get("region"))
    want = [{"kubernetes.io/cluster/" + infra: "owned"}, {"openshiftClusterID": m["clusterID"]}]
    if aws.get("identifier") != want: fail("aws.identifier %r" % aws.get("identifier"))
    print(infra)

elif cmd == "auth":
    d, api, name = args
    infra = json.load(open(d + "/metadata.json"))["infraID"]
    server, token = kube(d)
    if server != api + "/clusters/" + infra: fail("kubeconfig server %r" % server)
    want = "sha256~" + hmac.new(b"double", infra.encode(), hashlib.sha256).hexdigest()
    if token != want: fail("kubeconfig token %r, want %r" % (token, want))
    pw = open(d + "/auth/kubeadmin-password").read()
    if not re.match(r"^[a-km-zA-NP-Z2-9]{5}(-[a-km-zA-NP-Z2-9]{5}){3}$", pw): fail("kubeadmin-password %r" % pw)

elif cmd == "created":
    infra, user_key, user_value = args
    found = instances(infra)
    by_state = {}
    for i in found:
        by_state.setdefault(i["State"]["Name"], []).append(i["TagMap"].get("Name"))
    masters = [i for i in found if re.match(r"^%s-master-\d$" % infra, i["TagMap"].get("Name", ""))]
    workers = [i for i in found if i["TagMap"].get("Name", "").startswith(infra + "-worker-")]
    boot = [i for i in found if i["TagMap"].get("Name") == infra + "-bootstrap"]
    if len(masters) != 3 or any(i["State"]["Name"] != "running" for i in masters): fail("masters: %r" % by_state)
    if len(workers) != 1 or workers[0]["State"]["Name"] != "running": fail("workers: %r" % by_state)
    if len(boot) != 1 or boot[0]["State"]["Name"] != "terminated": fail("bootstrap: %r" % by_state)
    for i in masters + boot:
        if i["TagMap"].get("sigs.k8s.io/cluster-api-provider-aws/role") != "control-plane": fail("role tag %r" % i["TagMap"])
        if i["TagMap"].get("sigs.k8s.io/cluster-api-provider-aws/cluster/" + infra) != "owned": fail("CAPA tag %r" % i["TagMap"])
    for i in masters + workers + boot:
        if i["TagMap"].get(user_key) != user_value: fail("userTag missing on %r" % i["TagMap"])
    if "sigs.k8s.io/cluster-api-provider-aws/role" in workers[0]["TagMap"]: fail("worker has a CAPA role tag")
    tagged = boto3.client("resourcegroupstaggingapi", region_name="us-east-1").get_resources(
        TagFilters=[{"Key": "kubernetes.io/cluster/" + infra, "Values": ["owned"]}, {"Key": user_key, "Values": [user_value]}])
    kinds = sorted({m["ResourceARN"].split(":")[5].split("/")[0] for m in tagged["ResourceTagMappingList"]})
    if kinds != ["instance", "loadbalancer", "security-group", "subnet", "vpc"]: fail("tagged kinds %r" % kinds)
    print("    masters=%d workers=%d bootstrap=%s, tagged: %s" % (len(masters), len(workers), boot[0]["State"]["Name"], ", ".join(kinds)))

elif cmd == "api-basics":
    d, = args
    server, token = kube(d)
    code, text = http("GET", server + "/version", token)
    if code != 200 or json.loads(text).get("gitVersion") != "v1.33.5": fail("version: %d %s" % (code, text))
    code, text = http("GET", server + "/version", "sha256~wrong")
    if code != 401 or json.loads(text).get("kind") != "Status": fail("bad token: %d %s" % (code, text))
    code, _ = http("GET", server + "/apis/machine.openshift.io/v1beta1/namespaces/openshift-machine-api/machinesets")
    if code != 403: fail("anonymous list: %d" % code)
    sets = machinesets(server, token)
    total = sum(s["spec"]["replicas"] for s in sets)
    if total != 1 or sum(s["status"]["readyReplicas"] for s in sets) != 1: fail("replicas: %r" % [(s["metadata"]["name"], s["spec"]["replicas"], s["status"]) for s in sets])
    print("    %d MachineSets: %s" % (len(sets), ", ".join("%s=%d" % (s["metadata"]["name"], s["spec"]["replicas"]) for s in sets)))

elif cmd == "scale":
    d, replicas, kind = args
    replicas = int(replicas)
    server, token = kube(d)
    infra = server.rsplit("/", 1)[1]
    sets = machinesets(server, token)
    target = max(sets, key=lambda s: (s["spec"]["replicas"], s["metadata"]["name"]))
    url = server + "/apis/machine.openshift.io/v1beta1/namespaces/openshift-machine-api/machinesets/" + target["metadata"]["name"]
    if kind == "merge":
        code, text = http("PATCH", url, token, {"spec": {"replicas": replicas}}, "application/merge-patch+json")
    else:
        code, text = http("PATCH", url, token, [{"op": "replace", "path": "/spec/replicas", "value": replicas}],
                          "application/json-patch+json")
    if code != 200: fail("PATCH: %d %s" % (code, text))
    ms = json.loads(text)
    if ms["spec"]["replicas"] != replicas or ms["status"]["readyReplicas"] != replicas: fail("patched: %r %r" % (ms["spec"]["replicas"], ms["status"]))
    workers = [i for i in instances(infra) if i["TagMap"].get("Name", "").startswith(infra + "-worker-")
               and i["State"]["Name"] == "running"]
    if len(workers) != replicas: fail("running workers: %d, want %d" % (len(workers), replicas))
    for w in workers:
        if w["TagMap"].get("kubernetes.io/cluster/" + infra) != "owned": fail("worker tags %r" % w["TagMap"])
    print("    %s: spec.replicas=%d status=%s, running workers in EC2: %d" % (target["metadata"]["name"], replicas, ms["status"], len(workers)))

elif cmd == "gone":
    infra, server, token = args
    left = []
    for m in boto3.client("resourcegroupstaggingapi", region_name="us-east-1").get_resources(
            TagFilters=[{"Key": "kubernetes.io/cluster/" + infra, "Values": ["owned"]}])["ResourceTagMappingList"]:
        arn = m["ResourceARN"]
        if ":instance/" in arn:
            state = ec2().describe_instances(InstanceIds=[arn.rsplit("/", 1)[1]])["Reservations"][0]["Instances"][0]["State"]["Name"]
            if state == "terminated":
                continue
        left.append(arn)
    flt = [{"Name": "tag:kubernetes.io/cluster/" + infra, "Values": ["owned"]}]
    left += [v["VpcId"] for v in ec2().describe_vpcs(Filters=flt)["Vpcs"]]
    left += [s["SubnetId"] for s in ec2().describe_subnets(Filters=flt)["Subnets"]]
    left += [g["GroupId"] for g in ec2().describe_security_groups(Filters=flt)["SecurityGroups"]]
    left += [lb["LoadBalancerName"] for lb in boto3.client("elbv2", region_name="us-east-1").describe_load_balancers()["LoadBalancers"]
             if lb["LoadBalancerName"].startswith(infra)]
    if left: fail("still there: %r" % sorted(set(left)))
    code, _ = http("GET", server + "/version", token)
    if code != 404: fail("API double still answers for the cluster: %d" % code)

elif cmd == "halfway":
    d, = args
    m = json.load(open(d + "/metadata.json"))
    infra = m["infraID"]
    if not m["aws"].get("serviceEndpoints"): fail("serviceEndpoints not kept in metadata.json")
    found = instances(infra)
    names = sorted((i["TagMap"]["Name"], i["State"]["Name"]) for i in found)
    masters = [n for n, s in names if "-master-" in n and s == "running"]
    boot = [n for n, s in names if n.endswith("-bootstrap") and s == "running"]
    workers = [n for n, _ in names if "-worker-" in n]
    if len(masters) != 3 or len(boot) != 1 or workers: fail("instances after FAIL_AT=control-plane: %r" % names)
    flt = [{"Name": "tag:kubernetes.io/cluster/" + infra, "Values": ["owned"]}]
    if len(ec2().describe_vpcs(Filters=flt)["Vpcs"]) != 1: fail("no VPC left by the failed create")
    print(infra)

elif cmd == "leaked":
    infra, = args
    flt = [{"Name": "tag:kubernetes.io/cluster/" + infra, "Values": ["owned"]}]
    groups = [g["GroupId"] for g in ec2().describe_security_groups(Filters=flt)["SecurityGroups"]]
    vpcs = [v["VpcId"] for v in ec2().describe_vpcs(Filters=flt)["Vpcs"]]
    subnets = [s["SubnetId"] for s in ec2().describe_subnets(Filters=flt)["Subnets"]]
    live = [i["InstanceId"] for i in instances(infra) if i["State"]["Name"] != "terminated"]
    lbs = [lb["LoadBalancerName"] for lb in boto3.client("elbv2", region_name="us-east-1").describe_load_balancers()["LoadBalancers"]
           if lb["LoadBalancerName"].startswith(infra)]
    if len(groups) != 1 or len(vpcs) != 1 or subnets or live or lbs:
        fail("after a leaky destroy: groups=%r vpcs=%r subnets=%r instances=%r lbs=%r" % (groups, vpcs, subnets, live, lbs))
    print("    left behind: %s in %s" % (groups[0], vpcs[0]))
EOF
probe() { python3 "$WORK/probe.py" "$@"; }

write_config() { # dir name workers [extra platform.aws lines]
    mkdir -p "$1"
    cat >"$1/install-config.yaml" <<EOF
apiVersion: v1
baseDomain: labs.example.com
metadata:
  name: $2
controlPlane:
  name: master
  replicas: 3
  platform:
    aws:
      type: m6i.xlarge
compute:
- name: worker
  replicas: $3
  platform:
    aws:
      type: m6i.xlarge
networking:
  machineNetwork:
  - cidr: 10.0.0.0/16
platform:
  aws:
    region: us-east-1
    userTags:
      ManagedBy: ocpctl
      Profile: aws-minimal-test
${4:-}
publish: External
pullSecret: '{"auths":{}}'
EOF
}

# --- the command line

"$INSTALLER" version >"$WORK/version.out" 2>&1
check "version exits 0" test $? -eq 0
check "version prints the real four lines" python3 - "$WORK/version.out" <<'EOF'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
ok = (len(lines) == 4 and re.match(r"^\S*openshift-install 4\.20\.3$", lines[0])
      and re.match(r"^built from commit [0-9a-f]{40}$", lines[1])
      and re.match(r"^release image quay\.io/openshift-release-dev/ocp-release@sha256:[0-9a-f]{64}$", lines[2])
      and lines[3] == "release architecture amd64")
sys.exit(0 if ok else 1)
EOF
"$INSTALLER" frobnicate >"$WORK/unknown.out" 2>&1
check "an unknown command exits 1" test $? -eq 1
check "an unknown command is reported as cobra does" contains "$WORK/unknown.out" 'level=fatal msg="Error executing openshift-install: unknown command \"frobnicate\" for \"openshift-install\""'
"$INSTALLER" create cluster --dir "$WORK/x" --bogus >"$WORK/flag.out" 2>&1
check "an unknown flag exits 1 with cobra's message" test $? -eq 1 -a -n "$(grep -F 'unknown flag: --bogus' "$WORK/flag.out")"

mkdir -p "$WORK/bad" && printf 'apiVersion: v1\nmetadata: {}\nplatform: {aws: {region: us-east-1}}\n' >"$WORK/bad/install-config.yaml"
"$INSTALLER" create cluster --dir "$WORK/bad" >"$WORK/bad.out" 2>&1
check "an invalid install-config exits 3" test $? -eq 3
check "an invalid install-config is reported at level=error" contains "$WORK/bad.out" 'level=error msg=failed to fetch Metadata: failed to load asset "Install Config": failed to create install config: invalid "install-config.yaml" file'
check "an invalid install-config is left in place" test -f "$WORK/bad/install-config.yaml"

# --- a whole cluster

C1="$WORK/c1"
write_config "$C1" team-a-minimal 1
"$INSTALLER" create cluster --dir "$C1" --log-level info >"$WORK/c1.stdout" 2>"$WORK/c1.stderr"
rc=$?
check "create exits 0" test $rc -eq 0
[ $rc -ne 0 ] && sed 's/^/    /' "$WORK/c1.stderr"
check "create consumes install-config.yaml" test ! -e "$C1/install-config.yaml"
INFRA1="$(probe metadata "$C1" team-a-minimal)"
check "metadata.json has clusterName, clusterID, infraID and aws.identifier" test -n "$INFRA1"
check "auth/kubeconfig points at the API double with the cluster's token; kubeadmin-password has the real format" probe auth "$C1" "$API_URL" team-a-minimal
PW="$(cat "$C1/auth/kubeadmin-password" 2>/dev/null)"
check "stderr says Creating infrastructure resources" contains "$WORK/c1.stderr" "level=info msg=Creating infrastructure resources..."
check "stderr gives the console URL" contains "$WORK/c1.stderr" "level=info msg=Access the OpenShift web-console here: https://console-openshift-console.apps.team-a-minimal.labs.example.com"
check "stderr gives the kubeadmin password, as the real installer does" contains "$WORK/c1.stderr" "level=info msg=Login to the console with user: \"kubeadmin\", and password: \"$PW\""
check ".openshift_install.log is in logrus file format" grep -qE '^time="[0-9T:+Z-]+" level=info msg="Install complete!"$' "$C1/.openshift_install.log"
check ".openshift_install.log has the debug lines stderr left out" contains "$C1/.openshift_install.log" 'level=debug msg="Created VPC"'
check "stderr has no debug lines at --log-level info" lacks "$WORK/c1.stderr" "level=debug"
check "masters, worker and terminated bootstrap are tagged as the installer tags them" probe created "$INFRA1" Profile aws-minimal-test
check "the API double serves /version, refuses bad and missing tokens, derives MachineSets" probe api-basics "$C1"
check "a merge PATCH to 2 replicas gives 2 running workers" probe scale "$C1" 2 merge
check "a JSON PATCH back to 1 replica leaves 1 running worker" probe scale "$C1" 1 json
check "a PATCH to 2 replicas again gives 2 running workers" probe scale "$C1" 2 merge

SERVER1="$API_URL/clusters/$INFRA1"
TOKEN1="$(python3 -c 'import yaml,sys; print(yaml.safe_load(open(sys.argv[1]))["users"][0]["user"]["token"])' "$C1/auth/kubeconfig")"
"$INSTALLER" destroy cluster --dir "$C1" >"$WORK/d1.stdout" 2>"$WORK/d1.stderr"
rc=$?
check "destroy exits 0" test $rc -eq 0
[ $rc -ne 0 ] && sed 's/^/    /' "$WORK/d1.stderr"
check "destroy says Uninstallation complete!" contains "$WORK/d1.stderr" "level=info msg=Uninstallation complete!"
check "destroy logs each deletion with its ARN" grep -qE '^level=info msg=Deleted arn=arn:aws:ec2:us-east-1:[0-9]+:vpc/vpc-' "$WORK/d1.stderr"
check "destroy removes metadata.json and the auth files" test ! -e "$C1/metadata.json" -a ! -e "$C1/auth/kubeconfig" -a ! -e "$C1/auth/kubeadmin-password"
check "destroy appends to .openshift_install.log" contains "$C1/.openshift_install.log" 'level=info msg="Uninstallation complete!"'
check "nothing tagged for the cluster is left, and the API double forgets it" probe gone "$INFRA1" "$SERVER1" "$TOKEN1"

# --- a create that fails halfway, then a leaky destroy; endpoints from the install-config only

C2="$WORK/c2"
write_config "$C2" team-b-halfway 2 "    serviceEndpoints:
    - name: ec2
      url: $AWS_ENDPOINT_URL
    - name: elasticloadbalancing
      url: $AWS_ENDPOINT_URL
    - name: tagging
      url: $AWS_ENDPOINT_URL
    - name: sts
      url: $AWS_ENDPOINT_URL"
env -u AWS_ENDPOINT_URL OPENSHIFT_INSTALL_DOUBLE_FAIL_AT=control-plane \
    "$INSTALLER" create cluster --dir "$C2" >"$WORK/c2.stdout" 2>"$WORK/c2.stderr"
rc=$?
check "FAIL_AT=control-plane exits 4 (infrastructure failed), as the real installer" test $rc -eq 4
check "FAIL_AT=control-plane reports the failure at level=error" contains "$WORK/c2.stderr" 'level=error msg=failed to fetch Cluster: failed to generate asset "Cluster": failed to create cluster: control-plane machines were not provisioned'
INFRA2="$(probe halfway "$C2")"
check "FAIL_AT=control-plane leaves metadata.json, the VPC, the bootstrap and the masters, and no workers" test -n "$INFRA2"

env -u AWS_ENDPOINT_URL OPENSHIFT_INSTALL_DOUBLE_DESTROY_LEAK=1 \
    "$INSTALLER" destroy cluster --dir "$C2" >"$WORK/d2.stdout" 2>"$WORK/d2.stderr"
rc=$?
check "a leaky destroy still exits 0" test $rc -eq 0
[ $rc -ne 0 ] && sed 's/^/    /' "$WORK/d2.stderr"
check "a leaky destroy still says Uninstallation complete!" contains "$WORK/d2.stderr" "level=info msg=Uninstallation complete!"
check "a leaky destroy leaves one tagged security group and its VPC, nothing else" probe leaked "$INFRA2"

# --- AWS failures end in one level=fatal line, never a traceback

C3="$WORK/c3"
write_config "$C3" team-c-noaws 0
AWS_ENDPOINT_URL="http://127.0.0.1:1" "$INSTALLER" create cluster --dir "$C3" >"$WORK/c3.stdout" 2>"$WORK/c3.stderr"
rc=$?
check "an unreachable AWS makes create exit non-zero" test $rc -ne 0
check "an unreachable AWS is reported as level=fatal" grep -q '^level=fatal msg=failed to fetch Cluster: .*validate AWS credentials' "$WORK/c3.stderr"
check "an unreachable AWS prints no Python traceback" lacks "$WORK/c3.stderr" "Traceback"

echo
echo "# $PASSED passed, $FAILED failed"
if [ "$FAILED" -ne 0 ]; then
    printf '# failed: %s\n' "${FAILURES[@]}"
    echo "# API double log: $WORK/api.err (KEEP=1 keeps it)"
    exit 1
fi
exit 0
