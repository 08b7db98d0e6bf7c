-- ocpctl schema, PostgreSQL dialect. Times are seconds since the Unix epoch (UTC), as in the SQLite
-- schema, so both backends share one set of queries; JSON documents are jsonb.

-- The global revision, like etcd's. `compacted` is the newest revision dropped from cluster_changes.
CREATE TABLE revision (
    id integer PRIMARY KEY CHECK (id = 1),
    value bigint NOT NULL,
    compacted bigint NOT NULL
);
INSERT INTO revision (id, value, compacted) VALUES (1, 0, 0);

-- Takes the next revision. The row lock it takes is held until commit, so revisions commit in
-- increasing order and a watcher that has seen revision N never later finds a change below N
-- (a sequence would not give that).
CREATE FUNCTION ocpctl_next_revision() RETURNS bigint LANGUAGE sql VOLATILE AS $$
    UPDATE revision SET value = value + 1 WHERE id = 1 RETURNING value
$$;

-- `deletion_timestamp` is the Kubernetes one (deletion requested); `removed_at` is set when the last
-- finalizer goes: the row stays as a tombstone so history keeps its subject, and stops counting as live.
CREATE TABLE clusters (
    uid text PRIMARY KEY,
    namespace text NOT NULL,
    name text NOT NULL,
    base_domain text,
    labels jsonb NOT NULL,
    annotations jsonb NOT NULL,
    spec jsonb NOT NULL,
    status jsonb,
    generation bigint NOT NULL,
    resource_version bigint NOT NULL,
    finalizers jsonb NOT NULL,
    created_at bigint NOT NULL,
    deletion_timestamp bigint,
    removed_at bigint
);
CREATE UNIQUE INDEX clusters_live_namespace_name ON clusters (namespace, name) WHERE removed_at IS NULL;
CREATE UNIQUE INDEX clusters_live_name_base_domain ON clusters (name, base_domain) WHERE removed_at IS NULL;

-- The change log behind watches, written by a trigger so no write path can forget it; the NOTIFY
-- is delivered at commit and wakes watchers in every process.
CREATE TABLE cluster_changes (
    revision bigint PRIMARY KEY,
    uid text NOT NULL,
    namespace text NOT NULL,
    name text NOT NULL,
    type text NOT NULL
);

CREATE FUNCTION ocpctl_record_cluster_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO cluster_changes (revision, uid, namespace, name, type)
    VALUES (NEW.resource_version, NEW.uid, NEW.namespace, NEW.name,
            CASE WHEN TG_OP = 'INSERT' THEN 'Added'
                 WHEN NEW.removed_at IS NOT NULL THEN 'Deleted'
                 ELSE 'Modified' END);
    PERFORM pg_notify('ocpctl_cluster_changes', NEW.resource_version::text);
    RETURN NULL;
END
$$;
CREATE TRIGGER clusters_changed AFTER INSERT OR UPDATE OF resource_version ON clusters
    FOR EACH ROW EXECUTE FUNCTION ocpctl_record_cluster_change();

-- Long-running cloud operations (the seeds' "jobs").
CREATE TABLE operations (
    id text PRIMARY KEY,
    cluster_uid text NOT NULL REFERENCES clusters (uid),
    type text NOT NULL,
    state text NOT NULL,
    attempt bigint NOT NULL,
    generation bigint NOT NULL,
    started_at bigint NOT NULL,
    heartbeat_at bigint,
    finished_at bigint,
    error text,
    log text NOT NULL DEFAULT '',
    request_id text,
    -- Insertion order: operations started in the same second must still list oldest first.
    seq bigserial NOT NULL
);
CREATE INDEX operations_by_cluster ON operations (cluster_uid, seq);

CREATE TABLE cluster_outputs (
    cluster_uid text PRIMARY KEY REFERENCES clusters (uid),
    api_url text,
    console_url text,
    kubeconfig_ref text,
    -- A reference to a secret store entry, never the password itself.
    kubeadmin_password_ref text,
    updated_at bigint NOT NULL
);

CREATE TABLE cluster_artifacts (
    id text PRIMARY KEY,
    cluster_uid text NOT NULL REFERENCES clusters (uid),
    type text NOT NULL,
    uri text NOT NULL,
    checksum text,
    created_at bigint NOT NULL
);
CREATE INDEX cluster_artifacts_by_cluster ON cluster_artifacts (cluster_uid, created_at);

-- Append-only: the store offers no update or delete, and this trigger refuses them.
CREATE TABLE audit_events (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    time bigint NOT NULL,
    actor text NOT NULL,
    verb text NOT NULL,
    resource text NOT NULL,
    namespace text,
    name text,
    request_id text,
    outcome text NOT NULL,
    summary text NOT NULL
);
CREATE INDEX audit_events_by_time ON audit_events (time);
CREATE INDEX audit_events_by_object ON audit_events (namespace, name);
CREATE FUNCTION ocpctl_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END
$$;
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION ocpctl_audit_append_only();

CREATE TABLE idempotency_keys (
    caller text NOT NULL,
    key text NOT NULL,
    request_hash text NOT NULL,
    state text NOT NULL,
    status_code bigint,
    response_body bytea,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);

CREATE TABLE rbac_mappings (
    principal text NOT NULL,
    team text NOT NULL,
    role text NOT NULL,
    enabled boolean NOT NULL,
    PRIMARY KEY (principal, team)
);

CREATE TABLE usage_samples (
    cluster_uid text NOT NULL REFERENCES clusters (uid),
    time bigint NOT NULL,
    namespace text NOT NULL,
    estimated_hourly_cost double precision NOT NULL,
    power_state text NOT NULL,
    PRIMARY KEY (cluster_uid, time)
);
CREATE INDEX usage_samples_by_namespace ON usage_samples (namespace, time);

-- `epoch` is the fencing token: it grows on every change of holder.
CREATE TABLE leases (
    name text PRIMARY KEY,
    holder text,
    epoch bigint NOT NULL,
    acquired_at bigint NOT NULL,
    renewed_at bigint NOT NULL,
    expires_at bigint NOT NULL
);

CREATE TABLE controller_status (
    controller text NOT NULL,
    replica text NOT NULL,
    heartbeat_at bigint NOT NULL,
    observed_revision bigint NOT NULL,
    message text NOT NULL,
    PRIMARY KEY (controller, replica)
);
