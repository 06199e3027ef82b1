-- AlterTable
ALTER TABLE "provider_connection" ADD COLUMN     "demo" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ingest_event" (
    "id" BIGSERIAL NOT NULL,
    "token_id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "key_id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "region" TEXT NOT NULL DEFAULT '',
    "input_tokens" BIGINT NOT NULL DEFAULT 0,
    "cached_input_tokens" BIGINT NOT NULL DEFAULT 0,
    "cache_write_tokens" BIGINT NOT NULL DEFAULT 0,
    "output_tokens" BIGINT NOT NULL DEFAULT 0,
    "cost_usd" DECIMAL(18,8),
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ingest_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ingest_event_received_at_idx" ON "ingest_event"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "ingest_event_token_id_event_id_key" ON "ingest_event"("token_id", "event_id");

-- AddForeignKey
ALTER TABLE "ingest_event" ADD CONSTRAINT "ingest_event_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "ingest_token"("id") ON DELETE CASCADE ON UPDATE CASCADE;

