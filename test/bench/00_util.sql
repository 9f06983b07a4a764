-- Benchmark helpers (not part of the extension): bench.time(label, query) runs the
-- query once to warm the cache, then 3 times, and returns the best wall-clock
-- milliseconds (bench.time(label, query, runs, warm => false): no warm-up run, for
-- queries of many seconds); bench.report(base_label) prints every timing with its ratio
-- to base.
CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE IF NOT EXISTS bench.timings (label text PRIMARY KEY, ms float8);
DROP FUNCTION IF EXISTS bench.time(text, text, int);
CREATE OR REPLACE FUNCTION bench.time(label text, query text, runs int DEFAULT 3, warm boolean DEFAULT true)
RETURNS float8 LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE t0 timestamptz; best float8 := 'infinity'; ms float8;
BEGIN
  IF warm THEN
    EXECUTE query;                     -- warm-up
  END IF;
  FOR i IN 1..runs LOOP
    t0 := clock_timestamp();
    EXECUTE query;
    ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
    best := least(best, ms);
  END LOOP;
  INSERT INTO bench.timings VALUES (label, best)
    ON CONFLICT (label) DO UPDATE SET ms = excluded.ms;
  RETURN best;
END $$;
