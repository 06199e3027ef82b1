-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ProviderId" AS ENUM ('openai', 'anthropic');

-- CreateEnum
CREATE TYPE "SyncStatus" AS ENUM ('never', 'ok', 'error', 'disabled');

-- CreateEnum
CREATE TYPE "KeyStatus" AS ENUM ('active', 'inactive', 'disabled', 'deleted');

-- CreateEnum
CREATE TYPE "UsageSource" AS ENUM ('provider', 'ingest');

-- CreateEnum
CREATE TYPE "CostSource" AS ENUM ('provider', 'priced', 'reported', 'none');

-- CreateEnum
CREATE TYPE "BudgetScope" AS ENUM ('key', 'environment');

-- CreateEnum
CREATE TYPE "IncidentKind" AS ENUM ('spike', 'off_hours', 'new_region', 'new_model', 'dormant_wake', 'budget', 'budget_forecast');

-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('info', 'warning', 'error', 'critical');

-- CreateEnum
CREATE TYPE "IncidentStatus" AS ENUM ('open', 'acknowledged', 'resolved');

-- CreateEnum
CREATE TYPE "Feedback" AS ENUM ('expected', 'planned', 'leak');

-- CreateEnum
CREATE TYPE "AlertChannel" AS ENUM ('slack', 'pagerduty');

-- CreateEnum
CREATE TYPE "AlertAction" AS ENUM ('trigger', 'acknowledge', 'resolve', 'test');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'delivered', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'oncall', 'finance', 'admin');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "secret" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ciphertext" BYTEA NOT NULL,
    "iv" BYTEA NOT NULL,
    "auth_tag" BYTEA NOT NULL,
    "wrapped_key" BYTEA NOT NULL,
    "master_key_id" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotated_at" TIMESTAMPTZ(3),

    CONSTRAINT "secret_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provider_connection" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "provider" "ProviderId" NOT NULL,
    "name" TEXT NOT NULL,
    "base_url" TEXT,
    "secret_id" UUID,
    "credential_env" TEXT,
    "sync_cursor" JSONB,
    "sync_status" "SyncStatus" NOT NULL DEFAULT 'never',
    "last_sync_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "provider_connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "environment" (
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "working_hours" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "environment_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "api_key" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "connection_id" UUID,
    "provider" "ProviderId" NOT NULL,
    "provider_key_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "redacted_hint" TEXT,
    "project_id" TEXT,
    "project_name" TEXT,
    "environment" TEXT NOT NULL,
    "owner" TEXT,
    "status" "KeyStatus" NOT NULL DEFAULT 'active',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "provider_created_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),
    "disabled_at" TIMESTAMPTZ(3),
    "disabled_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "usage_bucket" (
    "id" BIGSERIAL NOT NULL,
    "key_id" UUID NOT NULL,
    "bucket_start" TIMESTAMPTZ(3) NOT NULL,
    "width_seconds" INTEGER NOT NULL,
    "model" TEXT NOT NULL,
    "region" TEXT NOT NULL DEFAULT '',
    "source" "UsageSource" NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "input_tokens" BIGINT NOT NULL DEFAULT 0,
    "cached_input_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_write_tokens" BIGINT NOT NULL DEFAULT 0,
    "output_tokens" BIGINT NOT NULL DEFAULT 0,
    "cost_usd" DECIMAL(18,8) NOT NULL DEFAULT 0,
    "cost_source" "CostSource" NOT NULL DEFAULT 'none',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "usage_bucket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "budget" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "scope" "BudgetScope" NOT NULL,
    "key_id" UUID,
    "environment" TEXT,
    "monthly_usd" DECIMAL(14,2) NOT NULL,
    "thresholds" INTEGER[] DEFAULT ARRAY[50, 80, 100]::INTEGER[],
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "budget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "IncidentKind" NOT NULL,
    "key_id" UUID,
    "environment" TEXT,
    "severity" "Severity" NOT NULL,
    "status" "IncidentStatus" NOT NULL DEFAULT 'open',
    "summary" TEXT NOT NULL,
    "evidence" JSONB NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "opened_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "finding_count" INTEGER NOT NULL DEFAULT 1,
    "acknowledged_at" TIMESTAMPTZ(3),
    "acknowledged_by" TEXT,
    "resolved_at" TIMESTAMPTZ(3),
    "resolved_by" TEXT,
    "feedback" "Feedback",
    "feedback_note" TEXT,
    "feedback_by" TEXT,
    "feedback_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident_event" (
    "id" BIGSERIAL NOT NULL,
    "incident_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "type" TEXT NOT NULL,
    "actor" TEXT,
    "data" JSONB,

    CONSTRAINT "incident_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_route" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "channel" "AlertChannel" NOT NULL,
    "secret_id" UUID NOT NULL,
    "environments" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "kinds" "IncidentKind"[] DEFAULT ARRAY[]::"IncidentKind"[],
    "min_severity" "Severity" NOT NULL DEFAULT 'info',
    "key_tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "digest" BOOLEAN NOT NULL DEFAULT false,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "healthy" BOOLEAN NOT NULL DEFAULT true,
    "unhealthy_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_route_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_delivery" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "incident_id" UUID,
    "route_id" UUID NOT NULL,
    "action" "AlertAction" NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_attempt_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "delivered_at" TIMESTAMPTZ(3),
    "channel_ref" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_attempt" (
    "id" BIGSERIAL NOT NULL,
    "delivery_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "http_status" INTEGER,
    "error" TEXT,
    "duration_ms" INTEGER NOT NULL,

    CONSTRAINT "delivery_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "app_user" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" "Role" NOT NULL DEFAULT 'viewer',
    "password_hash" TEXT,
    "oidc_subject" TEXT,
    "last_login_at" TIMESTAMPTZ(3),
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ingest_token" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "name" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "environment" TEXT,
    "last_used_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ingest_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_run" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "job" TEXT NOT NULL,
    "connection_id" UUID,
    "status" "JobStatus" NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "detail" JSONB,
    "error" TEXT,

    CONSTRAINT "job_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" UUID,
    "actor_email" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "provider_connection_name_key" ON "provider_connection"("name");

-- CreateIndex
CREATE INDEX "api_key_environment_idx" ON "api_key"("environment");

-- CreateIndex
CREATE UNIQUE INDEX "api_key_provider_provider_key_id_key" ON "api_key"("provider", "provider_key_id");

-- CreateIndex
CREATE INDEX "usage_bucket_bucket_start_idx" ON "usage_bucket"("bucket_start");

-- CreateIndex
CREATE UNIQUE INDEX "usage_bucket_natural_key" ON "usage_bucket"("key_id", "bucket_start", "width_seconds", "model", "region", "source");

-- CreateIndex
CREATE UNIQUE INDEX "budget_key_id_key" ON "budget"("key_id");

-- CreateIndex
CREATE UNIQUE INDEX "budget_environment_key" ON "budget"("environment");

-- CreateIndex
CREATE UNIQUE INDEX "incident_dedup_key_key" ON "incident"("dedup_key");

-- CreateIndex
CREATE INDEX "incident_status_opened_at_idx" ON "incident"("status", "opened_at");

-- CreateIndex
CREATE INDEX "incident_key_id_opened_at_idx" ON "incident"("key_id", "opened_at");

-- CreateIndex
CREATE INDEX "incident_opened_at_idx" ON "incident"("opened_at");

-- CreateIndex
CREATE INDEX "incident_event_incident_id_at_idx" ON "incident_event"("incident_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "alert_route_name_key" ON "alert_route"("name");

-- CreateIndex
CREATE UNIQUE INDEX "alert_delivery_idempotency_key_key" ON "alert_delivery"("idempotency_key");

-- CreateIndex
CREATE INDEX "alert_delivery_status_next_attempt_at_idx" ON "alert_delivery"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "alert_delivery_incident_id_created_at_idx" ON "alert_delivery"("incident_id", "created_at");

-- CreateIndex
CREATE INDEX "delivery_attempt_delivery_id_at_idx" ON "delivery_attempt"("delivery_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_email_key" ON "app_user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "app_user_oidc_subject_key" ON "app_user"("oidc_subject");

-- CreateIndex
CREATE UNIQUE INDEX "ingest_token_name_key" ON "ingest_token"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ingest_token_token_hash_key" ON "ingest_token"("token_hash");

-- CreateIndex
CREATE INDEX "job_run_job_started_at_idx" ON "job_run"("job", "started_at");

-- CreateIndex
CREATE INDEX "audit_event_at_idx" ON "audit_event"("at");

-- CreateIndex
CREATE INDEX "audit_event_target_type_target_id_idx" ON "audit_event"("target_type", "target_id");

-- AddForeignKey
ALTER TABLE "provider_connection" ADD CONSTRAINT "provider_connection_secret_id_fkey" FOREIGN KEY ("secret_id") REFERENCES "secret"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "provider_connection"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_key" ADD CONSTRAINT "api_key_environment_fkey" FOREIGN KEY ("environment") REFERENCES "environment"("name") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "usage_bucket" ADD CONSTRAINT "usage_bucket_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "api_key"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "budget" ADD CONSTRAINT "budget_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "api_key"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident" ADD CONSTRAINT "incident_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "api_key"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_event" ADD CONSTRAINT "incident_event_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_route" ADD CONSTRAINT "alert_route_secret_id_fkey" FOREIGN KEY ("secret_id") REFERENCES "secret"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_delivery" ADD CONSTRAINT "alert_delivery_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_delivery" ADD CONSTRAINT "alert_delivery_route_id_fkey" FOREIGN KEY ("route_id") REFERENCES "alert_route"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_attempt" ADD CONSTRAINT "delivery_attempt_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "alert_delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Hand-written: constraints Prisma's schema language cannot express (`prisma migrate diff`
-- ignores CHECK constraints, so later generated migrations leave these alone).
ALTER TABLE "budget" ADD CONSTRAINT "budget_scope_target" CHECK (
    ("scope" = 'key' AND "key_id" IS NOT NULL AND "environment" IS NULL)
    OR ("scope" = 'environment' AND "environment" IS NOT NULL AND "key_id" IS NULL)
);
ALTER TABLE "budget" ADD CONSTRAINT "budget_monthly_usd_positive" CHECK ("monthly_usd" > 0);
ALTER TABLE "usage_bucket" ADD CONSTRAINT "usage_bucket_non_negative" CHECK (
    "requests" >= 0 AND "input_tokens" >= 0 AND "cached_input_tokens" >= 0
    AND "cache_write_tokens" >= 0 AND "output_tokens" >= 0 AND "cost_usd" >= 0
);
ALTER TABLE "usage_bucket" ADD CONSTRAINT "usage_bucket_width" CHECK ("width_seconds" IN (60, 3600, 86400));
