-- Artifacts record their size, so a listing says how much an install left behind without fetching it.
ALTER TABLE cluster_artifacts ADD COLUMN size_bytes bigint;
