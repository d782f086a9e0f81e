import { OperatorConsole } from '@/features/operator/operator-console.tsx';
import { useMe } from '@/lib/session.ts';
import { NotFound } from './not-found.tsx';

/** `/operator`: Perch's own staff only; anyone else sees the ordinary not-found page (the server refuses too). */
export default function OperatorRoute() {
  const me = useMe().data;
  if (!me) return null;
  return me.user.isPlatformOperator ? <OperatorConsole /> : <NotFound />;
}
