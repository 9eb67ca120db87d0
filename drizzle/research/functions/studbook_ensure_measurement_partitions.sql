-- Yearly partitions of measurements (partitioned by measured_at, UTC years). A year whose rows
-- already sit in measurements_default stays there (moving them would rewrite rows past the audit
-- trigger); every migrate, so every service start, makes the partitions of the next three years.
CREATE OR REPLACE FUNCTION studbook_ensure_measurement_partitions(first_year integer, last_year integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  year integer;
  lower_bound timestamptz;
BEGIN
  FOR year IN first_year..last_year LOOP
    CONTINUE WHEN to_regclass(format('public.measurements_y%s', year)) IS NOT NULL;
    lower_bound := make_timestamptz(year, 1, 1, 0, 0, 0, 'UTC');
    IF EXISTS (SELECT 1 FROM measurements_default WHERE measured_at >= lower_bound AND measured_at < lower_bound + interval '1 year') THEN
      RAISE NOTICE 'measurements_default holds rows of %; that year stays in the default partition', year;
      CONTINUE;
    END IF;
    EXECUTE format('CREATE TABLE public.%I PARTITION OF public.measurements FOR VALUES FROM (%L) TO (%L)',
                   'measurements_y' || year, lower_bound, lower_bound + interval '1 year');
  END LOOP;
END $$;

SELECT studbook_ensure_measurement_partitions(2000, extract(year FROM now())::integer + 3);
