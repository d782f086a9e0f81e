-- CreateEnum
CREATE TYPE "KeywordMatchMode" AS ENUM ('word', 'phrase');

-- CreateTable
CREATE TABLE "KeywordRule" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "brandId" UUID NOT NULL,
    "phrase" VARCHAR(100) NOT NULL,
    "matchMode" "KeywordMatchMode" NOT NULL DEFAULT 'word',
    "language" VARCHAR(8),
    "tagId" UUID,
    "priority" "Priority",
    "teamId" UUID,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "position" INTEGER NOT NULL,
    "createdByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "KeywordRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VipHandle" (
    "id" UUID NOT NULL,
    "organizationId" UUID NOT NULL,
    "brandId" UUID NOT NULL,
    "network" VARCHAR(20) NOT NULL,
    "username" VARCHAR(100) NOT NULL,
    "note" VARCHAR(200),
    "createdByUserId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "VipHandle_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "KeywordRule_organizationId_brandId_position_idx" ON "KeywordRule"("organizationId", "brandId", "position");

-- CreateIndex
CREATE INDEX "KeywordRule_tagId_idx" ON "KeywordRule"("tagId");

-- CreateIndex
CREATE INDEX "KeywordRule_teamId_idx" ON "KeywordRule"("teamId");

-- CreateIndex
CREATE UNIQUE INDEX "VipHandle_organizationId_brandId_network_username_key" ON "VipHandle"("organizationId", "brandId", "network", "username");

-- AddForeignKey
ALTER TABLE "KeywordRule" ADD CONSTRAINT "KeywordRule_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeywordRule" ADD CONSTRAINT "KeywordRule_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "Brand"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeywordRule" ADD CONSTRAINT "KeywordRule_tagId_fkey" FOREIGN KEY ("tagId") REFERENCES "Tag"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeywordRule" ADD CONSTRAINT "KeywordRule_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VipHandle" ADD CONSTRAINT "VipHandle_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VipHandle" ADD CONSTRAINT "VipHandle_brandId_fkey" FOREIGN KEY ("brandId") REFERENCES "Brand"("id") ON DELETE CASCADE ON UPDATE CASCADE;
