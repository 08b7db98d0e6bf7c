-- Samples carry what cost reports group by and the node counts, so reports need no join with clusters and
-- still attribute a cluster's cost after it is gone or its spec has changed.
ALTER TABLE usage_samples ADD COLUMN cluster_name TEXT NOT NULL DEFAULT '';
ALTER TABLE usage_samples ADD COLUMN profile TEXT NOT NULL DEFAULT '';
ALTER TABLE usage_samples ADD COLUMN platform TEXT NOT NULL DEFAULT '';
ALTER TABLE usage_samples ADD COLUMN owner TEXT NOT NULL DEFAULT '';
ALTER TABLE usage_samples ADD COLUMN cost_center TEXT NOT NULL DEFAULT '';
ALTER TABLE usage_samples ADD COLUMN control_plane_nodes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE usage_samples ADD COLUMN worker_nodes INTEGER NOT NULL DEFAULT 0;
CREATE INDEX usage_samples_by_time ON usage_samples (time);
