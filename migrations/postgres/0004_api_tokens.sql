-- API tokens: who a bearer token stands for. Only the SHA-256 of the secret is kept; a request is
-- authenticated by looking its token's hash up, so the hash is unique and indexed.
-- `teams` is a JSON array, NULL when the token names none.
CREATE TABLE api_tokens (
    id text PRIMARY KEY,
    token_hash text NOT NULL UNIQUE,
    user_name text NOT NULL,
    teams text,
    role text NOT NULL,
    created_at bigint NOT NULL,
    created_by text,
    expires_at bigint,
    last_used_at bigint
);
