-- CreateIndex
CREATE INDEX "InboundEvent_channelId_status_idx" ON "InboundEvent"("channelId", "status");

-- CreateIndex
CREATE INDEX "Reply_organizationId_networkId_idx" ON "Reply"("organizationId", "networkId");
