-- Sync sources: a git repository (or directory) whose manifests are the desired state of some clusters.
CREATE TABLE sync_sources (
    namespace TEXT NOT NULL,
    name TEXT NOT NULL,
    uid TEXT NOT NULL UNIQUE,
    resource_version INTEGER NOT NULL,
    generation INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    body TEXT NOT NULL,
    status TEXT,
    PRIMARY KEY (namespace, name)
);
