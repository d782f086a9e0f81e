import { Prisma } from '../generated/prisma/client.ts';

/** A unique-constraint violation (Prisma P2002), for services that turn it into a CONFLICT. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
