-- Per-team limits an admin sets; admission counts the team's clusters against them.
CREATE TABLE team_quotas (
    team TEXT PRIMARY KEY,
    limits JSONB NOT NULL,
    updated_at BIGINT NOT NULL
);
