-- CreateEnum
CREATE TYPE "AssignmentMode" AS ENUM ('manual', 'round_robin', 'least_loaded');

-- AlterTable
ALTER TABLE "Brand" ADD COLUMN     "assignmentMode" "AssignmentMode" NOT NULL DEFAULT 'manual';
