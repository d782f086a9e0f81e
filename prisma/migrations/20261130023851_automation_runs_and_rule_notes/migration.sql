-- AlterTable
ALTER TABLE "AutomationRule" ADD COLUMN     "lastRunAt" TIMESTAMPTZ(3),
ADD COLUMN     "runCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Note" ADD COLUMN     "automationRuleId" UUID,
ADD COLUMN     "automationRuleName" VARCHAR(120),
ALTER COLUMN "authorUserId" DROP NOT NULL;
