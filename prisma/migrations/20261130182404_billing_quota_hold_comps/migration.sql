-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "compEndsAt" TIMESTAMPTZ(3),
ADD COLUMN     "compNote" VARCHAR(500),
ADD COLUMN     "compPlanId" VARCHAR(32);

-- CreateTable
CREATE TABLE "HeldMention" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "brandId" UUID NOT NULL,
    "channelId" UUID NOT NULL,
    "externalId" VARCHAR(64) NOT NULL,
    "network" VARCHAR(16) NOT NULL,
    "payload" JSONB NOT NULL,
    "postedAt" TIMESTAMPTZ(3) NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HeldMention_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuotaWarning" (
    "organizationId" UUID NOT NULL,
    "brandId" UUID NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "threshold" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuotaWarning_pkey" PRIMARY KEY ("brandId","periodStart","threshold")
);

-- CreateIndex
CREATE INDEX "HeldMention_organizationId_brandId_receivedAt_id_idx" ON "HeldMention"("organizationId", "brandId", "receivedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "HeldMention_channelId_externalId_key" ON "HeldMention"("channelId", "externalId");

-- AddForeignKey
ALTER TABLE "Subscription" ADD CONSTRAINT "Subscription_compPlanId_fkey" FOREIGN KEY ("compPlanId") REFERENCES "Plan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HeldMention" ADD CONSTRAINT "HeldMention_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HeldMention" ADD CONSTRAINT "HeldMention_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "Channel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuotaWarning" ADD CONSTRAINT "QuotaWarning_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
