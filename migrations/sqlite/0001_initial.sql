-- ocpctl schema, SQLite dialect. Times are seconds since the Unix epoch (UTC).
-- JSON documents are stored as TEXT in the canonical encoding of OCPModel.

-- The global revision, like etcd's: every cluster write takes the next value, in commit order.
-- `compacted` is the newest revision dropped from cluster_changes; watches from before it must relist.
CREATE TABLE revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    value INTEGER NOT NULL,
    compacted INTEGER NOT NULL
);
INSERT INTO revision (id, value, compacted) VALUES (1, 0, 0);

-- One row per cluster ever created. `deletion_timestamp` is the Kubernetes one (deletion requested);
-- `removed_at` is set when the last finalizer goes: the row stays as a tombstone so the history
-- tables keep their subject, and it no longer counts as live for uniqueness.
CREATE TABLE clusters (
    uid TEXT PRIMARY KEY,
    namespace TEXT NOT NULL,
    name TEXT NOT NULL,
    base_domain TEXT,
    labels TEXT NOT NULL,
    annotations TEXT NOT NULL,
    spec TEXT NOT NULL,
    status TEXT,
    generation INTEGER NOT NULL,
    resource_version INTEGER NOT NULL,
    finalizers TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    deletion_timestamp INTEGER,
    removed_at INTEGER
) WITHOUT ROWID; -- keyed by uid alone: one B-tree fewer to write per create

CREATE UNIQUE INDEX clusters_live_namespace_name ON clusters (namespace, name) WHERE removed_at IS NULL;
CREATE UNIQUE INDEX clusters_live_name_base_domain ON clusters (name, base_domain) WHERE removed_at IS NULL;
-- Cluster-wide lists page by (namespace, name) too; namespaced lists use the unique index above.

-- The change log behind watches: one row per cluster write, written by triggers so no write path can forget it.
CREATE TABLE cluster_changes (
    revision INTEGER PRIMARY KEY,
    uid TEXT NOT NULL,
    namespace TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL
);

CREATE TRIGGER clusters_changed_on_insert AFTER INSERT ON clusters
BEGIN
    UPDATE revision SET value = NEW.resource_version WHERE id = 1;
    INSERT INTO cluster_changes (revision, uid, namespace, name, type)
    VALUES (NEW.resource_version, NEW.uid, NEW.namespace, NEW.name, 'Added');
END;

CREATE TRIGGER clusters_changed_on_update AFTER UPDATE OF resource_version ON clusters
BEGIN
    UPDATE revision SET value = NEW.resource_version WHERE id = 1;
    INSERT INTO cluster_changes (revision, uid, namespace, name, type)
    VALUES (NEW.resource_version, NEW.uid, NEW.namespace, NEW.name,
            CASE WHEN NEW.removed_at IS NOT NULL THEN 'Deleted' ELSE 'Modified' END);
END;

-- Long-running cloud operations (the seeds' "jobs").
CREATE TABLE operations (
    id TEXT PRIMARY KEY,
    cluster_uid TEXT NOT NULL REFERENCES clusters (uid),
    type TEXT NOT NULL,
    state TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    heartbeat_at INTEGER,
    finished_at INTEGER,
    error TEXT,
    log TEXT NOT NULL DEFAULT '',
    request_id TEXT
);
-- Listed in rowid order: insertion order, since operations are never deleted.
CREATE INDEX operations_by_cluster ON operations (cluster_uid);

CREATE TABLE cluster_outputs (
    cluster_uid TEXT PRIMARY KEY REFERENCES clusters (uid),
    api_url TEXT,
    console_url TEXT,
    kubeconfig_ref TEXT,
    -- A reference to a secret store entry, never the password itself.
    kubeadmin_password_ref TEXT,
    updated_at INTEGER NOT NULL
);

CREATE TABLE cluster_artifacts (
    id TEXT PRIMARY KEY,
    cluster_uid TEXT NOT NULL REFERENCES clusters (uid),
    type TEXT NOT NULL,
    uri TEXT NOT NULL,
    checksum TEXT,
    created_at INTEGER NOT NULL
);
CREATE INDEX cluster_artifacts_by_cluster ON cluster_artifacts (cluster_uid, created_at);

-- Append-only: the store offers no update or delete, and these triggers refuse them.
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    time INTEGER NOT NULL,
    actor TEXT NOT NULL,
    verb TEXT NOT NULL,
    resource TEXT NOT NULL,
    namespace TEXT,
    name TEXT,
    request_id TEXT,
    outcome TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX audit_events_by_time ON audit_events (time);
CREATE INDEX audit_events_by_object ON audit_events (namespace, name);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

CREATE TABLE idempotency_keys (
    caller TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    status_code INTEGER,
    response_body BLOB,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_keys_by_expiry ON idempotency_keys (expires_at);

CREATE TABLE rbac_mappings (
    principal TEXT NOT NULL,
    team TEXT NOT NULL,
    role TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    PRIMARY KEY (principal, team)
);

CREATE TABLE usage_samples (
    cluster_uid TEXT NOT NULL REFERENCES clusters (uid),
    time INTEGER NOT NULL,
    namespace TEXT NOT NULL,
    estimated_hourly_cost REAL NOT NULL,
    power_state TEXT NOT NULL,
    PRIMARY KEY (cluster_uid, time)
);
CREATE INDEX usage_samples_by_namespace ON usage_samples (namespace, time);

-- `epoch` is the fencing token: it grows on every change of holder.
CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT,
    epoch INTEGER NOT NULL,
    acquired_at INTEGER NOT NULL,
    renewed_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE controller_status (
    controller TEXT NOT NULL,
    replica TEXT NOT NULL,
    heartbeat_at INTEGER NOT NULL,
    observed_revision INTEGER NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (controller, replica)
);
