/*
  Warnings:

  - A unique constraint covering the columns `[organizationId,periodKey]` on the table `Invoice` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "dueAt" TIMESTAMPTZ(3),
ADD COLUMN     "kind" VARCHAR(16) NOT NULL DEFAULT 'period',
ADD COLUMN     "periodKey" VARCHAR(48),
ADD COLUMN     "provider" VARCHAR(16) NOT NULL DEFAULT 'invoice',
ADD COLUMN     "subtotalCents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "taxCents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "voidedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "taxRateBps" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "Invoice_status_dueAt_idx" ON "Invoice"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_organizationId_periodKey_key" ON "Invoice"("organizationId", "periodKey");
