import { useLocation, useParams } from 'wouter';
import { AcceptInvitation } from '@/features/invitations/components/accept-invitation.tsx';
import { FullPage } from '../shell/require-auth.tsx';

export default function InviteRoute() {
  const { token = '' } = useParams();
  const [, navigate] = useLocation();
  return (
    <FullPage>
      <AcceptInvitation
        token={token}
        onAccepted={(organizationId) => navigate(`/o/${organizationId}`, { replace: true })}
      />
    </FullPage>
  );
}
