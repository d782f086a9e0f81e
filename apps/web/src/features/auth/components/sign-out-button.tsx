import { useMutation } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { perchCodeOf } from '@/lib/errors.ts';
import { useIdentityChange } from '@/lib/session.ts';
import { useTRPC } from '@/lib/trpc.ts';

export function SignOutButton({ className = 'button' }: { className?: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const identity = useIdentityChange();
  // The route guard sees `auth.me` become null and goes to /login.
  const leave = () => identity.signedOut();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: leave,
      // Already signed out on the server (expired session): leave all the same.
      onError: (error) => {
        if (perchCodeOf(error) === 'UNAUTHENTICATED') leave();
      },
    }),
  );
  return (
    <button type="button" className={className} onClick={() => signOut.mutate()} disabled={signOut.isPending}>
      {t('auth.signOut')}
    </button>
  );
}
