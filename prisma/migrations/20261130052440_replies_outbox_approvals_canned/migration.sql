/*
  Warnings:

  - A unique constraint covering the columns `[organizationId,brandId,name]` on the table `CannedReply` will be added. If there are existing duplicate values, this will fail.
  - A unique constraint covering the columns `[organizationId,brandId,shortcut]` on the table `CannedReply` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterEnum
ALTER TYPE "DeliveryState" ADD VALUE 'rejected';

-- AlterTable
ALTER TABLE "Brand" ADD COLUMN     "requiresApproval" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "CannedReply" ADD COLUMN     "createdByUserId" UUID,
ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "useCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "needsApproval" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Reply" ADD COLUMN     "brandId" UUID,
ADD COLUMN     "cannedReplyId" UUID,
ADD COLUMN     "channelId" UUID,
ADD COLUMN     "inReplyToExternalId" VARCHAR(64),
ADD COLUMN     "leaseUntil" TIMESTAMPTZ(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMPTZ(3),
ADD COLUMN     "originalText" VARCHAR(10000),
ADD COLUMN     "outcomeUnknown" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "recipientExternalId" VARCHAR(64),
ADD COLUMN     "reviewComment" VARCHAR(1000),
ADD COLUMN     "reviewedAt" TIMESTAMPTZ(3),
ADD COLUMN     "reviewedByUserId" UUID,
ADD COLUMN     "sendingStartedAt" TIMESTAMPTZ(3),
ADD COLUMN     "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ALTER COLUMN "text" SET DATA TYPE VARCHAR(10000);

-- CreateIndex
CREATE UNIQUE INDEX "CannedReply_organizationId_brandId_name_key" ON "CannedReply"("organizationId", "brandId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "CannedReply_organizationId_brandId_shortcut_key" ON "CannedReply"("organizationId", "brandId", "shortcut");

-- CreateIndex
CREATE INDEX "Reply_organizationId_state_createdAt_idx" ON "Reply"("organizationId", "state", "createdAt");

-- CreateIndex
CREATE INDEX "Reply_state_nextAttemptAt_idx" ON "Reply"("state", "nextAttemptAt");
