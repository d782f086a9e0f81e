import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.ts';
import { readDirtyMarks } from './metrics.repository.ts';

describe('metrics: the dirty-conversation queue', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.dispose();
  });

  const conversation = (n: number) => `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
  const mark = (n: number, seq: number, markedAt: string, consumer = 'metrics') =>
    db.prisma.$executeRaw`
      INSERT INTO "DirtyConversation" (consumer, "conversationId", "organizationId", seq, "markedAt")
      VALUES (${consumer}, ${conversation(n)}::uuid, ${conversation(999)}::uuid, ${seq}, ${markedAt}::timestamptz)`;

  it('reads the oldest marks first, and marks of the same instant in the order they were made', async () => {
    // One statement marks many conversations at one instant (a history import): their seqs order them. Seq 10
    // after seq 9, numerically (it was once sorted as text, 10 before 9).
    await mark(1, 10, '2026-12-01T10:00:00Z');
    await mark(2, 9, '2026-12-01T10:00:00Z');
    await mark(3, 11, '2026-12-01T10:00:00Z');
    await mark(4, 2, '2026-12-01T10:00:01Z');
    await mark(5, 100, '2026-12-01T09:59:59Z');
    // Another consumer's marks are not read.
    await mark(6, 1, '2026-12-01T09:00:00Z', 'sla');

    const read = async (limit: number) => (await readDirtyMarks(db.prisma, limit)).map((m) => m.seq);
    expect(await read(10)).toEqual(['100', '9', '10', '11', '2']);
    expect(await read(2)).toEqual(['100', '9']);
  });
});
