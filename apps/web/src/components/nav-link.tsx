import type { ReactNode } from 'react';
import { useLocation } from 'wouter';
import { Link } from './link.tsx';

/**
 * A navigation link marked as the current page (class `active`, `aria-current="page"`) on its path and the paths
 * below it, or on its path only with `end`. The query string (`?brand=`) does not count; case does not either.
 */
export function NavLink({ to, end = false, children }: { to: string; end?: boolean; children: ReactNode }) {
  const [path] = useLocation();
  const here = path.toLowerCase();
  const target = (to.split('?')[0] ?? '').toLowerCase();
  const active = here === target || (!end && here.startsWith(target.endsWith('/') ? target : `${target}/`));
  return (
    <Link to={to} className={active ? 'active' : ''} aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}
