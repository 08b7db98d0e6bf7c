-- Events and controller-reported status (architecture.md §9).

-- The replicas' heartbeats move aside: `controller_status` is the original design's table of what
-- external controllers report per cluster.
ALTER TABLE controller_status RENAME TO controller_heartbeats;

-- The transactional outbox: one row per cluster change, written by triggers in the same transaction as
-- the change, so no write path can forget it and a crash cannot separate the two. The publisher sends
-- unsent rows in id order and marks them only once the sink acknowledged them. `created_at_ms` is the
-- database's clock at commit, for the backlog's age.
CREATE TABLE cluster_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    cluster_uid TEXT NOT NULL,
    namespace TEXT NOT NULL,
    name TEXT NOT NULL,
    generation INTEGER NOT NULL,
    spec TEXT NOT NULL,
    created_at_ms INTEGER NOT NULL,
    sent_at_ms INTEGER
);
CREATE INDEX cluster_events_pending ON cluster_events (id) WHERE sent_at_ms IS NULL;

CREATE TRIGGER cluster_events_on_insert AFTER INSERT ON clusters
BEGIN
    INSERT INTO cluster_events (type, cluster_uid, namespace, name, generation, spec, created_at_ms)
    VALUES ('cluster.created', NEW.uid, NEW.namespace, NEW.name, NEW.generation, NEW.spec,
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER cluster_events_on_spec_update AFTER UPDATE OF resource_version ON clusters
WHEN NEW.generation <> OLD.generation
BEGIN
    INSERT INTO cluster_events (type, cluster_uid, namespace, name, generation, spec, created_at_ms)
    VALUES ('cluster.updated', NEW.uid, NEW.namespace, NEW.name, NEW.generation, NEW.spec,
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

CREATE TRIGGER cluster_events_on_delete AFTER UPDATE OF resource_version ON clusters
WHEN OLD.deletion_timestamp IS NULL AND NEW.deletion_timestamp IS NOT NULL
BEGIN
    INSERT INTO cluster_events (type, cluster_uid, namespace, name, generation, spec, created_at_ms)
    VALUES ('cluster.deleted', NEW.uid, NEW.namespace, NEW.name, NEW.generation, NEW.spec,
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER));
END;

-- When each live cluster next gets a `cluster.reconcile` event: 30 s while it needs attention, 5 min when stable.
CREATE TABLE reconciliation_schedule (
    cluster_uid TEXT PRIMARY KEY,
    next_reconcile_at INTEGER NOT NULL,
    enabled INTEGER NOT NULL DEFAULT 1
);

-- What each external controller last reported for a cluster; aggregated into status.controllers.
CREATE TABLE controller_status (
    cluster_uid TEXT NOT NULL REFERENCES clusters (uid),
    controller_name TEXT NOT NULL,
    observed_generation INTEGER NOT NULL,
    conditions TEXT NOT NULL,
    metadata TEXT NOT NULL,
    last_error TEXT,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (cluster_uid, controller_name)
);

-- A controller token names the controllers it may report as (a JSON array; `*` is every one).
ALTER TABLE api_tokens ADD COLUMN controllers TEXT;
