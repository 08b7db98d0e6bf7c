-- Events and controller-reported status (architecture.md §9).

-- The replicas' heartbeats move aside: `controller_status` is the original design's table of what
-- external controllers report per cluster.
ALTER TABLE controller_status RENAME TO controller_heartbeats;
ALTER INDEX controller_status_pkey RENAME TO controller_heartbeats_pkey;

-- The transactional outbox: one row per cluster change, written by a trigger in the same transaction as
-- the change. Ids come from a sequence; writes to one cluster hold its row lock, so one cluster's ids
-- increase in commit order. `created_at_ms` is the database's clock, for the backlog's age.
CREATE TABLE cluster_events (
    id bigserial PRIMARY KEY,
    type text NOT NULL,
    cluster_uid text NOT NULL,
    namespace text NOT NULL,
    name text NOT NULL,
    generation bigint NOT NULL,
    spec jsonb NOT NULL,
    created_at_ms bigint NOT NULL,
    sent_at_ms bigint
);
CREATE INDEX cluster_events_pending ON cluster_events (id) WHERE sent_at_ms IS NULL;

CREATE FUNCTION ocpctl_record_cluster_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kind text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        kind := 'cluster.created';
    ELSIF OLD.deletion_timestamp IS NULL AND NEW.deletion_timestamp IS NOT NULL THEN
        kind := 'cluster.deleted';
    ELSIF NEW.generation <> OLD.generation THEN
        kind := 'cluster.updated';
    ELSE
        RETURN NULL;
    END IF;
    INSERT INTO cluster_events (type, cluster_uid, namespace, name, generation, spec, created_at_ms)
    VALUES (kind, NEW.uid, NEW.namespace, NEW.name, NEW.generation, NEW.spec,
            (extract(epoch FROM clock_timestamp()) * 1000)::bigint);
    RETURN NULL;
END
$$;
CREATE TRIGGER cluster_events AFTER INSERT OR UPDATE OF resource_version ON clusters
    FOR EACH ROW EXECUTE FUNCTION ocpctl_record_cluster_event();

-- When each live cluster next gets a `cluster.reconcile` event: 30 s while it needs attention, 5 min when stable.
CREATE TABLE reconciliation_schedule (
    cluster_uid text PRIMARY KEY,
    next_reconcile_at bigint NOT NULL,
    enabled boolean NOT NULL DEFAULT true
);

-- What each external controller last reported for a cluster; aggregated into status.controllers.
CREATE TABLE controller_status (
    cluster_uid text NOT NULL REFERENCES clusters (uid),
    controller_name text NOT NULL,
    observed_generation bigint NOT NULL,
    conditions jsonb NOT NULL,
    metadata jsonb NOT NULL,
    last_error text,
    updated_at bigint NOT NULL,
    PRIMARY KEY (cluster_uid, controller_name)
);

-- A controller token names the controllers it may report as (a JSON array; `*` is every one).
ALTER TABLE api_tokens ADD COLUMN controllers text;
