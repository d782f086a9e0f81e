import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthlyCents, prorate, shareOf } from './proration.ts';

const pro = { priceCents: 9900, includedSeats: 5, seatPriceCents: 2500 };
const enterprise = { priceCents: 39900, includedSeats: 20, seatPriceCents: 2000 };
const november = { periodStart: new Date('2026-11-01T00:00:00Z'), periodEnd: new Date('2026-12-01T00:00:00Z') };

describe('proration', () => {
  it('prices a plan with its extra seats', () => {
    expect(monthlyCents(pro, 5)).toBe(9900);
    expect(monthlyCents(pro, 8)).toBe(9900 + 3 * 2500);
    expect(monthlyCents(enterprise, 3)).toBe(39900);
  });

  it('rounds a share half up to the cent, exactly', () => {
    expect(shareOf(100, 1, 3)).toBe(33);
    expect(shareOf(100, 2, 3)).toBe(67);
    expect(shareOf(1, 1, 2)).toBe(1);
    expect(shareOf(9900, 0, 10)).toBe(0);
    expect(shareOf(9900, 10, 10)).toBe(9900);
    expect(() => shareOf(100, 1, 0)).toThrow();
  });

  it('Pro to Enterprise on 16 November at noon: credit and charge for the 14.5 days left of 30', () => {
    const { lines, totalCents } = prorate({
      from: { planName: 'Pro', monthlyCents: 9900, seats: 5 },
      to: { planName: 'Enterprise', monthlyCents: 39900, seats: 20 },
      ...november,
      at: new Date('2026-11-16T12:00:00Z'),
    });
    // 14.5 / 30 of each month: 4,785 credited, 19,285 charged.
    expect(lines).toEqual([
      { kind: 'credit', description: 'Unused time on Pro (5 seats) until 2026-12-01', amountCents: -4785 },
      { kind: 'charge', description: 'Remaining time on Enterprise (20 seats) until 2026-12-01', amountCents: 19285 },
    ]);
    expect(totalCents).toBe(14500);
  });

  it('from Free there is nothing to credit', () => {
    const { lines, totalCents } = prorate({
      from: { planName: 'Free', monthlyCents: 0, seats: 3 },
      to: { planName: 'Pro', monthlyCents: 9900, seats: 5 },
      ...november,
      at: new Date('2026-11-01T00:00:00Z'),
    });
    expect(lines).toHaveLength(1);
    expect(totalCents).toBe(9900);
  });

  it('never credits more than was paid, and the total is the lines’ sum (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 30 * 86_400 }),
        (fromCents, toCents, elapsed) => {
          const { lines, totalCents } = prorate({
            from: { planName: 'A', monthlyCents: fromCents, seats: 1 },
            to: { planName: 'B', monthlyCents: toCents, seats: 1 },
            ...november,
            at: new Date(november.periodStart.getTime() + elapsed * 1000),
          });
          const credit = -(lines.find((l) => l.kind === 'credit')?.amountCents ?? 0);
          const charge = lines.find((l) => l.kind === 'charge')?.amountCents ?? 0;
          expect(credit).toBeGreaterThanOrEqual(0);
          expect(credit).toBeLessThanOrEqual(fromCents);
          expect(charge).toBeLessThanOrEqual(toCents);
          expect(totalCents).toBe(charge - credit);
          expect(Number.isInteger(totalCents)).toBe(true);
          // The same change costs the same whatever the two plans' order: swapping them negates the total.
          const back = prorate({
            from: { planName: 'B', monthlyCents: toCents, seats: 1 },
            to: { planName: 'A', monthlyCents: fromCents, seats: 1 },
            ...november,
            at: new Date(november.periodStart.getTime() + elapsed * 1000),
          });
          expect(back.totalCents + totalCents).toBe(0);
        },
      ),
    );
  });
});
