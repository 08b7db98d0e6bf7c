-- Sync sources: a git repository (or directory) whose manifests are the desired state of some clusters.
CREATE TABLE sync_sources (
    namespace text NOT NULL,
    name text NOT NULL,
    uid text NOT NULL UNIQUE,
    resource_version bigint NOT NULL,
    generation bigint NOT NULL,
    created_at bigint NOT NULL,
    body text NOT NULL,
    status text,
    PRIMARY KEY (namespace, name)
);
