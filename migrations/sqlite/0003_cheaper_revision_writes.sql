-- SQLite: cluster writes stop updating the revision row: that row was one more page written and synced by
-- every cluster write. The current revision is now the newest entry of cluster_changes, or
-- `revision.value` when compaction has emptied the log (compaction copies it there first).
-- SQLite has one writer at a time, so reading the newest entry inside a write is safe.
DROP TRIGGER clusters_changed_on_insert;
DROP TRIGGER clusters_changed_on_update;

CREATE TRIGGER clusters_changed_on_insert AFTER INSERT ON clusters
BEGIN
    INSERT INTO cluster_changes (revision, uid, namespace, name, type)
    VALUES (NEW.resource_version, NEW.uid, NEW.namespace, NEW.name, 'Added');
END;

CREATE TRIGGER clusters_changed_on_update AFTER UPDATE OF resource_version ON clusters
BEGIN
    INSERT INTO cluster_changes (revision, uid, namespace, name, type)
    VALUES (NEW.resource_version, NEW.uid, NEW.namespace, NEW.name,
            CASE WHEN NEW.removed_at IS NOT NULL THEN 'Deleted' ELSE 'Modified' END);
END;
