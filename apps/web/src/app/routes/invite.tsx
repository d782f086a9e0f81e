import { useNavigate, useParams } from 'react-router';
import { AcceptInvitation } from '@/features/invitations/components/accept-invitation.tsx';
import { FullPage } from '../shell/require-auth.tsx';

export default function InviteRoute() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  return (
    <FullPage>
      <AcceptInvitation
        token={token}
        onAccepted={(organizationId) => void navigate(`/o/${organizationId}`, { replace: true })}
      />
    </FullPage>
  );
}
