-- The case state (jsonb, 2–4 kB) is compressed inline on every transition's update. lz4 compresses it
-- several times faster than PostgreSQL's default pglz (pglz_compress was about 3 % of the server's CPU
-- per transition). New values only; rows already stored keep their compression until rewritten.
-- A server built without lz4 (PGlite) keeps pglz.
DO $$
BEGIN
  ALTER TABLE cases ALTER COLUMN state SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END $$;
