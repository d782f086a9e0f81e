import { ProfilePage } from '@/features/profile/components/profile-page.tsx';
import { useIdentityChange, useMe } from '@/lib/session.ts';

export default function ProfileRoute() {
  const me = useMe().data;
  const identity = useIdentityChange();
  if (!me) return null;
  return <ProfilePage me={me} onSignedOut={() => identity.signedOut()} />;
}
