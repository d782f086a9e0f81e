import type { AnchorHTMLAttributes } from 'react';
import { Link as RouterLink, useLocation } from 'wouter';
import { useSearchString } from '@/lib/location.ts';

export type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string; replace?: boolean };

/**
 * A link within the app (wouter's). Following one to the address already shown replaces its history entry rather
 * than adding the same one again, so Back still leaves the page.
 */
export function Link({ to, replace, ...props }: LinkProps) {
  const [path] = useLocation();
  const search = useSearchString();
  return <RouterLink to={to} replace={replace ?? to === `${path}${search}`} {...props} />;
}
