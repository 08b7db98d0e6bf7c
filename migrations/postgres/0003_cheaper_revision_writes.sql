-- ocpctl_next_revision() becomes PL/pgSQL, with the same UPDATE and so the same row lock until commit.
-- A LANGUAGE sql function that writes is never inlined, and PostgreSQL planned its UPDATE again on
-- every call: about a sixth of a cluster write. PL/pgSQL keeps the plan for the session.
CREATE OR REPLACE FUNCTION ocpctl_next_revision() RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    revision_value bigint;
BEGIN
    UPDATE revision SET value = value + 1 WHERE id = 1 RETURNING value INTO revision_value;
    RETURN revision_value;
END
$$;
