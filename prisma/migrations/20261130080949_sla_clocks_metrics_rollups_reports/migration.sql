-- CreateEnum
CREATE TYPE "SlaTarget" AS ENUM ('first_response', 'next_response', 'resolution');

-- CreateEnum
CREATE TYPE "SlaClockState" AS ENUM ('running', 'paused', 'hit', 'breached', 'canceled');

-- AlterTable
ALTER TABLE "Brand" ADD COLUMN     "businessCalendar" JSONB;

-- AlterTable
ALTER TABLE "Conversation" ADD COLUMN     "nextResponseDueAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "SlaPolicy" ADD COLUMN     "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "SlaClock" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" UUID NOT NULL,
    "brandId" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "target" "SlaTarget" NOT NULL,
    "episode" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "policyId" UUID,
    "businessHours" BOOLEAN NOT NULL,
    "targetMinutes" INTEGER NOT NULL,
    "warnAtPercent" INTEGER NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "elapsedMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "runningSince" TIMESTAMPTZ(3),
    "warnAt" TIMESTAMPTZ(3),
    "dueAt" TIMESTAMPTZ(3),
    "state" "SlaClockState" NOT NULL,
    "warnedAt" TIMESTAMPTZ(3),
    "breachedAt" TIMESTAMPTZ(3),
    "stoppedAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlaClock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DirtyConversation" (
    "consumer" VARCHAR(12) NOT NULL,
    "conversationId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "markedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DirtyConversation_pkey" PRIMARY KEY ("consumer","conversationId")
);

-- CreateTable
CREATE TABLE "MetricFact" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" UUID NOT NULL,
    "brandId" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "kind" VARCHAR(24) NOT NULL,
    "episode" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL DEFAULT 0,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "ms" DOUBLE PRECISION,
    "businessMs" DOUBLE PRECISION,
    "hit" BOOLEAN,
    "agentUserId" UUID,
    "teamId" UUID,
    "channelId" UUID,
    "priority" "Priority" NOT NULL,
    "sentiment" VARCHAR(16),
    "language" VARCHAR(8),
    "tagIds" UUID[] DEFAULT ARRAY[]::UUID[],

    CONSTRAINT "MetricFact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MetricRollup" (
    "organizationId" UUID NOT NULL,
    "brandId" UUID NOT NULL,
    "grain" VARCHAR(5) NOT NULL,
    "kind" VARCHAR(24) NOT NULL,
    "dim" VARCHAR(12) NOT NULL DEFAULT '',
    "dimValue" VARCHAR(64) NOT NULL DEFAULT '',
    "bucket" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "hits" INTEGER NOT NULL DEFAULT 0,
    "sumMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "sumBusinessMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "hist" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "histBusiness" INTEGER[] DEFAULT ARRAY[]::INTEGER[],

    CONSTRAINT "MetricRollup_pkey" PRIMARY KEY ("organizationId","brandId","grain","kind","dim","dimValue","bucket")
);

-- CreateTable
CREATE TABLE "ConversationMetric" (
    "conversationId" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "brandId" UUID NOT NULL,
    "episodes" INTEGER NOT NULL,
    "inboundCount" INTEGER NOT NULL,
    "outboundCount" INTEGER NOT NULL,
    "firstResponseMs" DOUBLE PRECISION,
    "firstResponseBusinessMs" DOUBLE PRECISION,
    "firstResponseAgentUserId" UUID,
    "replyTimeMedianMs" DOUBLE PRECISION,
    "replyTimeMedianBusinessMs" DOUBLE PRECISION,
    "replyCount" INTEGER NOT NULL DEFAULT 0,
    "resolutionMs" DOUBLE PRECISION,
    "resolutionBusinessMs" DOUBLE PRECISION,
    "fullResolutionMs" DOUBLE PRECISION,
    "fullResolutionBusinessMs" DOUBLE PRECISION,
    "requesterWaitMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "requesterWaitBusinessMs" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "slaHits" INTEGER NOT NULL DEFAULT 0,
    "slaBreaches" INTEGER NOT NULL DEFAULT 0,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConversationMetric_pkey" PRIMARY KEY ("conversationId")
);

-- CreateTable
CREATE TABLE "ScheduledReport" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "createdByUserId" UUID,
    "name" VARCHAR(120) NOT NULL,
    "frequency" VARCHAR(8) NOT NULL,
    "weekday" INTEGER,
    "hour" INTEGER NOT NULL,
    "timeZone" VARCHAR(64) NOT NULL,
    "recipients" TEXT[],
    "filters" JSONB NOT NULL DEFAULT '{}',
    "format" VARCHAR(4) NOT NULL DEFAULT 'csv',
    "nextRunAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSentAt" TIMESTAMPTZ(3),
    "lastError" VARCHAR(500),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScheduledReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SlaClock_state_warnAt_idx" ON "SlaClock"("state", "warnAt");

-- CreateIndex
CREATE INDEX "SlaClock_state_dueAt_idx" ON "SlaClock"("state", "dueAt");

-- CreateIndex
CREATE INDEX "SlaClock_organizationId_brandId_breachedAt_idx" ON "SlaClock"("organizationId", "brandId", "breachedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SlaClock_conversationId_target_episode_seq_key" ON "SlaClock"("conversationId", "target", "episode", "seq");

-- CreateIndex
CREATE INDEX "DirtyConversation_consumer_markedAt_idx" ON "DirtyConversation"("consumer", "markedAt");

-- CreateIndex
CREATE INDEX "MetricFact_organizationId_brandId_kind_at_idx" ON "MetricFact"("organizationId", "brandId", "kind", "at");

-- CreateIndex
CREATE INDEX "MetricFact_conversationId_idx" ON "MetricFact"("conversationId");

-- CreateIndex
CREATE INDEX "ConversationMetric_organizationId_brandId_idx" ON "ConversationMetric"("organizationId", "brandId");

-- CreateIndex
CREATE INDEX "ScheduledReport_nextRunAt_idx" ON "ScheduledReport"("nextRunAt");

-- CreateIndex
CREATE UNIQUE INDEX "ScheduledReport_organizationId_name_key" ON "ScheduledReport"("organizationId", "name");

-- AddForeignKey
ALTER TABLE "SlaClock" ADD CONSTRAINT "SlaClock_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MetricFact" ADD CONSTRAINT "MetricFact_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationMetric" ADD CONSTRAINT "ConversationMetric_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScheduledReport" ADD CONSTRAINT "ScheduledReport_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Every statement that appends conversation events marks their conversations dirty for each consumer (the SLA
-- clocks and the metric facts), in the same transaction: an event is never missed, whatever order ids commit in.
CREATE FUNCTION perch_mark_conversations_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "DirtyConversation" (consumer, "conversationId", "organizationId")
  SELECT c.consumer, e."conversationId", e."organizationId"
  FROM (SELECT DISTINCT "conversationId", "organizationId" FROM new_events) e
  CROSS JOIN (VALUES ('sla'), ('metrics')) AS c(consumer)
  ON CONFLICT (consumer, "conversationId") DO UPDATE SET seq = EXCLUDED.seq, "markedAt" = EXCLUDED."markedAt";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "ConversationEvent_mark_dirty"
AFTER INSERT ON "ConversationEvent"
REFERENCING NEW TABLE AS new_events
FOR EACH STATEMENT EXECUTE FUNCTION perch_mark_conversations_dirty();
