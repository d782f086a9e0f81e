-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN     "graceEndsAt" TIMESTAMPTZ(3),
ADD COLUMN     "scheduledPlanId" VARCHAR(32),
ADD COLUMN     "scheduledSeats" INTEGER,
ADD COLUMN     "trialUsed" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "BillingRequest" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "key" VARCHAR(64) NOT NULL,
    "procedure" VARCHAR(64) NOT NULL,
    "response" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BillingRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BillingRequest_organizationId_key_key" ON "BillingRequest"("organizationId", "key");

-- AddForeignKey
ALTER TABLE "BillingRequest" ADD CONSTRAINT "BillingRequest_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The plan catalog (docs/billing.md): seeded here, edited later by the platform operator (never overwritten).
INSERT INTO "Plan" ("id", "name", "priceCents", "includedSeats", "seatPriceCents", "monthlyMentions",
                    "overagePer1kCents", "retentionDays", "features", "updatedAt")
VALUES
  ('free', 'Free', 0, 3, 0, 1000, 0, 30, ARRAY[]::TEXT[], CURRENT_TIMESTAMP),
  ('pro', 'Pro', 9900, 5, 2500, 10000, 500, 365,
   ARRAY['auto_assignment', 'sla_policies', 'approvals', 'automation_rules', 'triage', 'vip_keyword_rules']::TEXT[],
   CURRENT_TIMESTAMP),
  ('enterprise', 'Enterprise', 39900, 20, 2000, 100000, 300, 1095,
   ARRAY['auto_assignment', 'sla_policies', 'approvals', 'advanced_analytics', 'automation_rules', 'triage',
         'vip_keyword_rules', 'api_access', 'audit_export']::TEXT[],
   CURRENT_TIMESTAMP)
ON CONFLICT ("id") DO NOTHING;
