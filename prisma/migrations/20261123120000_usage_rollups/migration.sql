-- Roll-ups of usage_bucket for the dashboard: per key and hour (both sources side by side),
-- and the usage as spent once (per key and UTC hour, the provider's figures when it reported
-- any, else the ingested ones) per key and UTC day, per environment and hour, and per
-- environment and UTC day. Triggers on usage_bucket keep them exact for every writer
-- (upserts, re-pulls that replace a bucket, minute-to-hour roll-ups, deletes, cascades);
-- a trigger on api_key moves a key's usage when its environment changes.

-- CreateTable
CREATE TABLE "usage_hour" (
    "key_id" UUID NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "environment" TEXT NOT NULL,
    "provider_buckets" INTEGER NOT NULL DEFAULT 0,
    "provider_requests" BIGINT NOT NULL DEFAULT 0,
    "provider_tokens" BIGINT NOT NULL DEFAULT 0,
    "provider_cost_usd" DECIMAL(18,8) NOT NULL DEFAULT 0,
    "ingest_buckets" INTEGER NOT NULL DEFAULT 0,
    "ingest_requests" BIGINT NOT NULL DEFAULT 0,
    "ingest_tokens" BIGINT NOT NULL DEFAULT 0,
    "ingest_cost_usd" DECIMAL(18,8) NOT NULL DEFAULT 0,

    -- Covering (INCLUDE, which schema.prisma cannot say): a key chart reads 118 days of a
    -- key's hours from adjacent index pages (an index-only scan) instead of ~2,800 heap rows
    -- that hourly writes scatter across the table. The cost: updates are never HOT.
    CONSTRAINT "usage_hour_pkey" PRIMARY KEY ("key_id","hour") INCLUDE ("provider_buckets", "provider_requests", "provider_tokens",
        "provider_cost_usd", "ingest_buckets", "ingest_requests", "ingest_tokens", "ingest_cost_usd")
);

-- CreateTable
CREATE TABLE "usage_key_day" (
    "key_id" UUID NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "tokens" BIGINT NOT NULL DEFAULT 0,
    "cost_usd" DECIMAL(18,8) NOT NULL DEFAULT 0,

    CONSTRAINT "usage_key_day_pkey" PRIMARY KEY ("key_id","day")
);

-- CreateTable
CREATE TABLE "usage_environment_hour" (
    "environment" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(3) NOT NULL,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "tokens" BIGINT NOT NULL DEFAULT 0,
    "cost_usd" DECIMAL(18,8) NOT NULL DEFAULT 0,

    CONSTRAINT "usage_environment_hour_pkey" PRIMARY KEY ("environment","hour")
);

-- CreateTable
CREATE TABLE "usage_environment_day" (
    "environment" TEXT NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "tokens" BIGINT NOT NULL DEFAULT 0,
    "cost_usd" DECIMAL(18,8) NOT NULL DEFAULT 0,

    CONSTRAINT "usage_environment_day_pkey" PRIMARY KEY ("environment","day")
);

-- CreateIndex
-- Covering too: top movers sum 14 days of every key's cost from the index alone.
CREATE INDEX "usage_key_day_day_key_id_idx" ON "usage_key_day"("day", "key_id") INCLUDE ("cost_usd");

-- Adds per (key, hour) changes of both sources to usage_hour and the change of the usage
-- as spent once to the three other roll-ups. Rows are taken in key and time order in every
-- table, and the tables in one order, so concurrent writers cannot deadlock. Old figures
-- are the new ones minus the change, read from the row the upsert locked, so two writers
-- of one hour each add exactly their own change.
CREATE FUNCTION usage_rollup_add(
    k UUID[], h TIMESTAMPTZ[], pn INTEGER[], pr BIGINT[], pt BIGINT[], pc NUMERIC[],
    i_n INTEGER[], ir BIGINT[], it BIGINT[], ic NUMERIC[]
) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    ek UUID[]; ee TEXT[]; eh TIMESTAMPTZ[]; er BIGINT[]; et BIGINT[]; ec NUMERIC[];
BEGIN
    -- A new hour takes its key's environment: hold the keys so that a concurrent move to
    -- another environment (api_key_environment_rollup) waits for this write, or this for it.
    PERFORM 1 FROM api_key WHERE id = ANY(k) ORDER BY id FOR SHARE;
    WITH d AS (
        SELECT * FROM unnest(k, h, pn, pr, pt, pc, i_n, ir, it, ic)
            AS d(key_id, hour, pn, pr, pt, pc, i_n, ir, it, ic)
    ), up AS (
        INSERT INTO usage_hour AS u (key_id, hour, environment, provider_buckets, provider_requests, provider_tokens,
            provider_cost_usd, ingest_buckets, ingest_requests, ingest_tokens, ingest_cost_usd)
        SELECT d.key_id, d.hour, coalesce(a.environment, ''), d.pn, d.pr, d.pt, d.pc, d.i_n, d.ir, d.it, d.ic
        FROM d LEFT JOIN api_key a ON a.id = d.key_id
        ORDER BY d.key_id, d.hour
        ON CONFLICT (key_id, hour) DO UPDATE SET
            provider_buckets = u.provider_buckets + EXCLUDED.provider_buckets,
            provider_requests = u.provider_requests + EXCLUDED.provider_requests,
            provider_tokens = u.provider_tokens + EXCLUDED.provider_tokens,
            provider_cost_usd = u.provider_cost_usd + EXCLUDED.provider_cost_usd,
            ingest_buckets = u.ingest_buckets + EXCLUDED.ingest_buckets,
            ingest_requests = u.ingest_requests + EXCLUDED.ingest_requests,
            ingest_tokens = u.ingest_tokens + EXCLUDED.ingest_tokens,
            ingest_cost_usd = u.ingest_cost_usd + EXCLUDED.ingest_cost_usd
        RETURNING u.*
    ), change AS (
        SELECT up.key_id, up.environment, up.hour,
            (CASE WHEN up.provider_buckets > 0 THEN up.provider_requests ELSE up.ingest_requests END)
              - (CASE WHEN up.provider_buckets - d.pn > 0 THEN up.provider_requests - d.pr ELSE up.ingest_requests - d.ir END) AS requests,
            (CASE WHEN up.provider_buckets > 0 THEN up.provider_tokens ELSE up.ingest_tokens END)
              - (CASE WHEN up.provider_buckets - d.pn > 0 THEN up.provider_tokens - d.pt ELSE up.ingest_tokens - d.it END) AS tokens,
            (CASE WHEN up.provider_buckets > 0 THEN up.provider_cost_usd ELSE up.ingest_cost_usd END)
              - (CASE WHEN up.provider_buckets - d.pn > 0 THEN up.provider_cost_usd - d.pc ELSE up.ingest_cost_usd - d.ic END) AS cost
        FROM up JOIN d ON d.key_id = up.key_id AND d.hour = up.hour
    )
    SELECT array_agg(key_id), array_agg(environment), array_agg(hour), array_agg(requests), array_agg(tokens), array_agg(cost)
    INTO ek, ee, eh, er, et, ec
    FROM change WHERE requests <> 0 OR tokens <> 0 OR cost <> 0;

    IF ek IS NULL THEN
        RETURN;
    END IF;

    INSERT INTO usage_key_day AS t (key_id, day, requests, tokens, cost_usd)
    SELECT c.key_id, date_bin('1 day', c.hour, TIMESTAMPTZ '2000-01-01 00:00:00+00'), sum(c.r), sum(c.t), sum(c.c)
    FROM unnest(ek, eh, er, et, ec) AS c(key_id, hour, r, t, c)
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (key_id, day) DO UPDATE SET requests = t.requests + EXCLUDED.requests,
        tokens = t.tokens + EXCLUDED.tokens, cost_usd = t.cost_usd + EXCLUDED.cost_usd;

    INSERT INTO usage_environment_hour AS t (environment, hour, requests, tokens, cost_usd)
    SELECT c.environment, c.hour, sum(c.r), sum(c.t), sum(c.c)
    FROM unnest(ee, eh, er, et, ec) AS c(environment, hour, r, t, c)
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (environment, hour) DO UPDATE SET requests = t.requests + EXCLUDED.requests,
        tokens = t.tokens + EXCLUDED.tokens, cost_usd = t.cost_usd + EXCLUDED.cost_usd;

    INSERT INTO usage_environment_day AS t (environment, day, requests, tokens, cost_usd)
    SELECT c.environment, date_bin('1 day', c.hour, TIMESTAMPTZ '2000-01-01 00:00:00+00'), sum(c.r), sum(c.t), sum(c.c)
    FROM unnest(ee, eh, er, et, ec) AS c(environment, hour, r, t, c)
    GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (environment, day) DO UPDATE SET requests = t.requests + EXCLUDED.requests,
        tokens = t.tokens + EXCLUDED.tokens, cost_usd = t.cost_usd + EXCLUDED.cost_usd;
END $$;

-- One statement's change to usage_bucket, summed per key and UTC hour and source. The
-- transition tables are named per operation: new_rows (insert, update), old_rows (update, delete).
CREATE FUNCTION usage_bucket_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    rows_sql TEXT;
    k UUID[]; h TIMESTAMPTZ[]; pn INTEGER[]; pr BIGINT[]; pt BIGINT[]; pc NUMERIC[];
    i_n INTEGER[]; ir BIGINT[]; it BIGINT[]; ic NUMERIC[];
BEGIN
    rows_sql := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
        WHEN 'UPDATE' THEN 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows'
        ELSE 'SELECT -1 AS sign, * FROM old_rows'
    END;
    EXECUTE format($q$
        SELECT array_agg(key_id ORDER BY key_id, hour), array_agg(hour ORDER BY key_id, hour),
            array_agg(pn ORDER BY key_id, hour), array_agg(pr ORDER BY key_id, hour), array_agg(pt ORDER BY key_id, hour), array_agg(pc ORDER BY key_id, hour),
            array_agg(i_n ORDER BY key_id, hour), array_agg(ir ORDER BY key_id, hour), array_agg(it ORDER BY key_id, hour), array_agg(ic ORDER BY key_id, hour)
        FROM (
            SELECT key_id, date_bin('1 hour', bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS hour,
                coalesce(sum(sign) FILTER (WHERE source = 'provider'), 0)::int AS pn,
                coalesce(sum(sign * requests) FILTER (WHERE source = 'provider'), 0)::bigint AS pr,
                coalesce(sum(sign * (input_tokens + cached_input_tokens + cache_write_tokens + output_tokens)) FILTER (WHERE source = 'provider'), 0)::bigint AS pt,
                coalesce(sum(sign * cost_usd) FILTER (WHERE source = 'provider'), 0) AS pc,
                coalesce(sum(sign) FILTER (WHERE source = 'ingest'), 0)::int AS i_n,
                coalesce(sum(sign * requests) FILTER (WHERE source = 'ingest'), 0)::bigint AS ir,
                coalesce(sum(sign * (input_tokens + cached_input_tokens + cache_write_tokens + output_tokens)) FILTER (WHERE source = 'ingest'), 0)::bigint AS it,
                coalesce(sum(sign * cost_usd) FILTER (WHERE source = 'ingest'), 0) AS ic
            FROM (%s) c
            GROUP BY 1, 2
        ) s
        WHERE pn <> 0 OR pr <> 0 OR pt <> 0 OR pc <> 0 OR i_n <> 0 OR ir <> 0 OR it <> 0 OR ic <> 0$q$, rows_sql)
    INTO k, h, pn, pr, pt, pc, i_n, ir, it, ic;
    IF k IS NOT NULL THEN
        PERFORM usage_rollup_add(k, h, pn, pr, pt, pc, i_n, ir, it, ic);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER usage_bucket_rollup_insert AFTER INSERT ON usage_bucket
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_bucket_rollup();
CREATE TRIGGER usage_bucket_rollup_update AFTER UPDATE ON usage_bucket
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_bucket_rollup();
CREATE TRIGGER usage_bucket_rollup_delete AFTER DELETE ON usage_bucket
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_bucket_rollup();

-- Emptying usage_bucket empties its roll-ups.
CREATE FUNCTION usage_bucket_truncate_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE usage_hour, usage_key_day, usage_environment_hour, usage_environment_day;
    RETURN NULL;
END $$;

CREATE TRIGGER usage_bucket_rollup_truncate AFTER TRUNCATE ON usage_bucket
    FOR EACH STATEMENT EXECUTE FUNCTION usage_bucket_truncate_rollup();

-- A key moved to another environment (or its environment renamed) takes its usage along.
CREATE FUNCTION api_key_environment_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE usage_hour SET environment = NEW.environment WHERE key_id = NEW.id;
    WITH spent AS (
        SELECT hour,
            CASE WHEN provider_buckets > 0 THEN provider_requests ELSE ingest_requests END AS r,
            CASE WHEN provider_buckets > 0 THEN provider_tokens ELSE ingest_tokens END AS t,
            CASE WHEN provider_buckets > 0 THEN provider_cost_usd ELSE ingest_cost_usd END AS c
        FROM usage_hour WHERE key_id = NEW.id
    ), moves AS (
        SELECT OLD.environment AS environment, hour, -r AS r, -t AS t, -c AS c FROM spent
        UNION ALL
        SELECT NEW.environment, hour, r, t, c FROM spent
    ), hours AS (
        INSERT INTO usage_environment_hour AS x (environment, hour, requests, tokens, cost_usd)
        SELECT environment, hour, r, t, c FROM moves ORDER BY 1, 2
        ON CONFLICT (environment, hour) DO UPDATE SET requests = x.requests + EXCLUDED.requests,
            tokens = x.tokens + EXCLUDED.tokens, cost_usd = x.cost_usd + EXCLUDED.cost_usd
    )
    INSERT INTO usage_environment_day AS x (environment, day, requests, tokens, cost_usd)
    SELECT environment, date_bin('1 day', hour, TIMESTAMPTZ '2000-01-01 00:00:00+00'), sum(r), sum(t), sum(c)
    FROM moves GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (environment, day) DO UPDATE SET requests = x.requests + EXCLUDED.requests,
        tokens = x.tokens + EXCLUDED.tokens, cost_usd = x.cost_usd + EXCLUDED.cost_usd;
    RETURN NULL;
END $$;

CREATE TRIGGER api_key_environment_rollup AFTER UPDATE OF environment ON api_key
    FOR EACH ROW WHEN (OLD.environment IS DISTINCT FROM NEW.environment) EXECUTE FUNCTION api_key_environment_rollup();

-- Rebuilds every roll-up from usage_bucket: here for usage stored before this migration, and
-- after bulk loads that write usage_bucket with the triggers disabled (bench/api.ts).
CREATE FUNCTION usage_rollup_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE usage_hour, usage_key_day, usage_environment_hour, usage_environment_day;
    INSERT INTO usage_hour (key_id, hour, environment, provider_buckets, provider_requests, provider_tokens,
        provider_cost_usd, ingest_buckets, ingest_requests, ingest_tokens, ingest_cost_usd)
    SELECT b.key_id, date_bin('1 hour', b.bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00'), min(a.environment),
        count(*) FILTER (WHERE b.source = 'provider'),
        coalesce(sum(b.requests) FILTER (WHERE b.source = 'provider'), 0),
        coalesce(sum(b.input_tokens + b.cached_input_tokens + b.cache_write_tokens + b.output_tokens) FILTER (WHERE b.source = 'provider'), 0),
        coalesce(sum(b.cost_usd) FILTER (WHERE b.source = 'provider'), 0),
        count(*) FILTER (WHERE b.source = 'ingest'),
        coalesce(sum(b.requests) FILTER (WHERE b.source = 'ingest'), 0),
        coalesce(sum(b.input_tokens + b.cached_input_tokens + b.cache_write_tokens + b.output_tokens) FILTER (WHERE b.source = 'ingest'), 0),
        coalesce(sum(b.cost_usd) FILTER (WHERE b.source = 'ingest'), 0)
    FROM usage_bucket b JOIN api_key a ON a.id = b.key_id
    GROUP BY 1, 2;
    INSERT INTO usage_key_day (key_id, day, requests, tokens, cost_usd)
    SELECT key_id, date_bin('1 day', hour, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
        sum(CASE WHEN provider_buckets > 0 THEN provider_requests ELSE ingest_requests END),
        sum(CASE WHEN provider_buckets > 0 THEN provider_tokens ELSE ingest_tokens END),
        sum(CASE WHEN provider_buckets > 0 THEN provider_cost_usd ELSE ingest_cost_usd END)
    FROM usage_hour GROUP BY 1, 2;
    INSERT INTO usage_environment_hour (environment, hour, requests, tokens, cost_usd)
    SELECT environment, hour,
        sum(CASE WHEN provider_buckets > 0 THEN provider_requests ELSE ingest_requests END),
        sum(CASE WHEN provider_buckets > 0 THEN provider_tokens ELSE ingest_tokens END),
        sum(CASE WHEN provider_buckets > 0 THEN provider_cost_usd ELSE ingest_cost_usd END)
    FROM usage_hour GROUP BY 1, 2;
    INSERT INTO usage_environment_day (environment, day, requests, tokens, cost_usd)
    SELECT environment, date_bin('1 day', hour, TIMESTAMPTZ '2000-01-01 00:00:00+00'), sum(requests), sum(tokens), sum(cost_usd)
    FROM usage_environment_hour GROUP BY 1, 2;
END $$;

SELECT usage_rollup_rebuild();
