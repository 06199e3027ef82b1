-- Roll-ups of usage_bucket per key, UTC day and model (both sources side by side, as
-- usage_hour keeps them, so readers can apply either source rule) and per key, UTC day and
-- caller region (ingested rows only: providers do not report regions). The breakdowns and
-- the keys list read them. Kept exact for every writer by statement-level triggers on
-- usage_bucket, like the roll-ups of 20261123120000_usage_rollups; a key moved to another
-- environment needs nothing here (readers join api_key for the environment).

-- CreateTable
CREATE TABLE "usage_model_day" (
    "key_id" UUID NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "model" TEXT NOT NULL,
    "provider_buckets" INTEGER NOT NULL DEFAULT 0,
    "provider_requests" BIGINT NOT NULL DEFAULT 0,
    "provider_tokens" BIGINT NOT NULL DEFAULT 0,
    "provider_cost_usd" DECIMAL(18,8) NOT NULL DEFAULT 0,
    "ingest_buckets" INTEGER NOT NULL DEFAULT 0,
    "ingest_requests" BIGINT NOT NULL DEFAULT 0,
    "ingest_tokens" BIGINT NOT NULL DEFAULT 0,
    "ingest_cost_usd" DECIMAL(18,8) NOT NULL DEFAULT 0,

    -- Covering (INCLUDE, which schema.prisma cannot say), as usage_hour's: a breakdown reads a
    -- key's days from adjacent index pages (an index-only scan), not rows scattered by writes.
    CONSTRAINT "usage_model_day_pkey" PRIMARY KEY ("key_id","day","model") INCLUDE ("provider_buckets", "provider_requests", "provider_tokens",
        "provider_cost_usd", "ingest_buckets", "ingest_requests", "ingest_tokens", "ingest_cost_usd")
);

-- CreateTable
CREATE TABLE "usage_region_day" (
    "key_id" UUID NOT NULL,
    "day" TIMESTAMPTZ(3) NOT NULL,
    "region" TEXT NOT NULL,
    "buckets" INTEGER NOT NULL DEFAULT 0,
    "requests" BIGINT NOT NULL DEFAULT 0,
    "tokens" BIGINT NOT NULL DEFAULT 0,
    "cost_usd" DECIMAL(18,8) NOT NULL DEFAULT 0,

    CONSTRAINT "usage_region_day_pkey" PRIMARY KEY ("key_id","day","region") INCLUDE ("buckets", "requests", "tokens", "cost_usd")
);

-- CreateIndex
-- Covering (INCLUDE, which schema.prisma cannot say): the keys list sorted by cost sums the
-- month so far of every key from the index alone.
CREATE INDEX "usage_model_day_day_key_id_idx" ON "usage_model_day"("day", "key_id") INCLUDE ("provider_buckets", "provider_cost_usd", "ingest_cost_usd");

-- One statement's change to usage_bucket, summed per key, UTC day and model (both sources)
-- and per key, UTC day and region (ingest). Rows are taken in key order, as the other
-- roll-ups take theirs, so concurrent writers cannot deadlock.
CREATE FUNCTION usage_bucket_breakdown_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    rows_sql TEXT;
BEGIN
    rows_sql := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT 1 AS sign, * FROM new_rows'
        WHEN 'UPDATE' THEN 'SELECT 1 AS sign, * FROM new_rows UNION ALL SELECT -1, * FROM old_rows'
        ELSE 'SELECT -1 AS sign, * FROM old_rows'
    END;
    EXECUTE format($q$
        INSERT INTO usage_model_day AS t (key_id, day, model, provider_buckets, provider_requests, provider_tokens,
            provider_cost_usd, ingest_buckets, ingest_requests, ingest_tokens, ingest_cost_usd)
        SELECT * FROM (
            SELECT key_id, date_bin('1 day', bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS day, model,
                coalesce(sum(sign) FILTER (WHERE source = 'provider'), 0)::int AS pn,
                coalesce(sum(sign * requests) FILTER (WHERE source = 'provider'), 0)::bigint AS pr,
                coalesce(sum(sign * (input_tokens + cached_input_tokens + cache_write_tokens + output_tokens)) FILTER (WHERE source = 'provider'), 0)::bigint AS pt,
                coalesce(sum(sign * cost_usd) FILTER (WHERE source = 'provider'), 0) AS pc,
                coalesce(sum(sign) FILTER (WHERE source = 'ingest'), 0)::int AS i_n,
                coalesce(sum(sign * requests) FILTER (WHERE source = 'ingest'), 0)::bigint AS ir,
                coalesce(sum(sign * (input_tokens + cached_input_tokens + cache_write_tokens + output_tokens)) FILTER (WHERE source = 'ingest'), 0)::bigint AS it,
                coalesce(sum(sign * cost_usd) FILTER (WHERE source = 'ingest'), 0) AS ic
            FROM (%1$s) c
            GROUP BY 1, 2, 3
        ) s
        WHERE pn <> 0 OR pr <> 0 OR pt <> 0 OR pc <> 0 OR i_n <> 0 OR ir <> 0 OR it <> 0 OR ic <> 0
        ORDER BY 1, 2, 3
        ON CONFLICT (key_id, day, model) DO UPDATE SET
            provider_buckets = t.provider_buckets + EXCLUDED.provider_buckets,
            provider_requests = t.provider_requests + EXCLUDED.provider_requests,
            provider_tokens = t.provider_tokens + EXCLUDED.provider_tokens,
            provider_cost_usd = t.provider_cost_usd + EXCLUDED.provider_cost_usd,
            ingest_buckets = t.ingest_buckets + EXCLUDED.ingest_buckets,
            ingest_requests = t.ingest_requests + EXCLUDED.ingest_requests,
            ingest_tokens = t.ingest_tokens + EXCLUDED.ingest_tokens,
            ingest_cost_usd = t.ingest_cost_usd + EXCLUDED.ingest_cost_usd;

        INSERT INTO usage_region_day AS t (key_id, day, region, buckets, requests, tokens, cost_usd)
        SELECT * FROM (
            SELECT key_id, date_bin('1 day', bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS day, region,
                sum(sign)::int AS n, sum(sign * requests)::bigint AS r,
                sum(sign * (input_tokens + cached_input_tokens + cache_write_tokens + output_tokens))::bigint AS tk,
                sum(sign * cost_usd) AS c
            FROM (%1$s) c
            WHERE source = 'ingest'
            GROUP BY 1, 2, 3
        ) s
        WHERE n <> 0 OR r <> 0 OR tk <> 0 OR c <> 0
        ORDER BY 1, 2, 3
        ON CONFLICT (key_id, day, region) DO UPDATE SET
            buckets = t.buckets + EXCLUDED.buckets, requests = t.requests + EXCLUDED.requests,
            tokens = t.tokens + EXCLUDED.tokens, cost_usd = t.cost_usd + EXCLUDED.cost_usd$q$, rows_sql);
    RETURN NULL;
END $$;

CREATE TRIGGER usage_bucket_breakdown_rollup_insert AFTER INSERT ON usage_bucket
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_bucket_breakdown_rollup();
CREATE TRIGGER usage_bucket_breakdown_rollup_update AFTER UPDATE ON usage_bucket
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_bucket_breakdown_rollup();
CREATE TRIGGER usage_bucket_breakdown_rollup_delete AFTER DELETE ON usage_bucket
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION usage_bucket_breakdown_rollup();

CREATE FUNCTION usage_bucket_truncate_breakdown_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE usage_model_day, usage_region_day;
    RETURN NULL;
END $$;

CREATE TRIGGER usage_bucket_breakdown_rollup_truncate AFTER TRUNCATE ON usage_bucket
    FOR EACH STATEMENT EXECUTE FUNCTION usage_bucket_truncate_breakdown_rollup();

-- usage_rollup_rebuild() (after bulk loads with the triggers off) now rebuilds these too.
ALTER FUNCTION usage_rollup_rebuild() RENAME TO usage_rollup_rebuild_totals;

CREATE FUNCTION usage_breakdown_rollup_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE usage_model_day, usage_region_day;
    INSERT INTO usage_model_day (key_id, day, model, provider_buckets, provider_requests, provider_tokens,
        provider_cost_usd, ingest_buckets, ingest_requests, ingest_tokens, ingest_cost_usd)
    SELECT key_id, date_bin('1 day', bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00'), model,
        count(*) FILTER (WHERE source = 'provider'),
        coalesce(sum(requests) FILTER (WHERE source = 'provider'), 0),
        coalesce(sum(input_tokens + cached_input_tokens + cache_write_tokens + output_tokens) FILTER (WHERE source = 'provider'), 0),
        coalesce(sum(cost_usd) FILTER (WHERE source = 'provider'), 0),
        count(*) FILTER (WHERE source = 'ingest'),
        coalesce(sum(requests) FILTER (WHERE source = 'ingest'), 0),
        coalesce(sum(input_tokens + cached_input_tokens + cache_write_tokens + output_tokens) FILTER (WHERE source = 'ingest'), 0),
        coalesce(sum(cost_usd) FILTER (WHERE source = 'ingest'), 0)
    FROM usage_bucket GROUP BY 1, 2, 3;
    INSERT INTO usage_region_day (key_id, day, region, buckets, requests, tokens, cost_usd)
    SELECT key_id, date_bin('1 day', bucket_start, TIMESTAMPTZ '2000-01-01 00:00:00+00'), region, count(*), sum(requests),
        sum(input_tokens + cached_input_tokens + cache_write_tokens + output_tokens), sum(cost_usd)
    FROM usage_bucket WHERE source = 'ingest' GROUP BY 1, 2, 3;
END $$;

CREATE FUNCTION usage_rollup_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    PERFORM usage_rollup_rebuild_totals();
    PERFORM usage_breakdown_rollup_rebuild();
END $$;

SELECT usage_breakdown_rollup_rebuild();
