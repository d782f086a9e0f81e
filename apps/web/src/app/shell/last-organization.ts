import type { Me, Membership } from '@/lib/trpc.ts';

const KEY = 'perch.lastOrganizationId';

/** Remembers the organization last opened, so pages outside one (/profile) keep its navigation. */
export function rememberOrganization(organizationId: string): void {
  try {
    sessionStorage.setItem(KEY, organizationId);
  } catch {
    // Storage disabled: the first organization is used instead.
  }
}

export function lastOrganization(me: Me): Membership | null {
  let id: string | null = null;
  try {
    id = sessionStorage.getItem(KEY);
  } catch {
    id = null;
  }
  return me.memberships.find((m) => m.organizationId === id) ?? me.memberships[0] ?? null;
}
