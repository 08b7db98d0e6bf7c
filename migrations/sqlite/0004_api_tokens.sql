-- API tokens: who a bearer token stands for. Only the SHA-256 of the secret is kept; a request is
-- authenticated by looking its token's hash up, so the hash is unique and indexed.
-- `teams` is a JSON array, NULL when the token names none.
CREATE TABLE api_tokens (
    id TEXT NOT NULL PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_name TEXT NOT NULL,
    teams TEXT,
    role TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    created_by TEXT,
    expires_at INTEGER,
    last_used_at INTEGER
);
