import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '@/lib/use-translation.tsx';
import { perchCodeOf } from '@/lib/errors.ts';
import { useMe } from '@/lib/session.ts';
import { useTRPC } from '@/lib/trpc.ts';
import { AVAILABILITY_STATES, type Availability } from '../types.ts';

const DOT: Record<Availability, string> = { online: '#16a34a', away: '#d97706', offline: '#9ca3af' };

/**
 * The signed-in member's availability (online / away / offline) for the header. Automatic assignment only
 * routes to online members. Show it to roles that work conversations; for any other it renders nothing.
 */
export function AvailabilityToggle({ organizationId }: { organizationId: string }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const userId = useMe().data?.user.id;
  const agents = useQuery(trpc.agents.list.queryOptions({ organizationId }, { staleTime: 30_000 }));
  const set = useMutation(
    trpc.agents.setAvailability.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.agents.list.pathFilter()),
    }),
  );
  // A role without an availability (billing admin) is refused the list: nothing to show.
  if (perchCodeOf(agents.error) === 'FORBIDDEN') return null;
  const mine = agents.data?.find((a) => a.userId === userId);
  // While a change is on its way, show the state asked for.
  const current: Availability = set.isPending ? set.variables.availability : (mine?.availability ?? 'offline');

  return (
    <span className="availability-toggle" data-testid="availability-toggle">
      <span
        aria-hidden="true"
        style={{
          display: 'inline-block',
          width: '0.6rem',
          height: '0.6rem',
          borderRadius: '50%',
          background: DOT[current],
          marginRight: '0.35rem',
        }}
      />
      <select
        aria-label={t('agents.myAvailability')}
        value={current}
        disabled={!mine || set.isPending}
        onChange={(e) => set.mutate({ organizationId, availability: e.target.value as Availability })}
      >
        {AVAILABILITY_STATES.map((state) => (
          <option key={state} value={state}>
            {t(`agents.states.${state}`)}
          </option>
        ))}
      </select>
      {set.isError ? (
        <span className="visually-hidden" role="alert">
          {t('errors.INTERNAL')}
        </span>
      ) : null}
    </span>
  );
}
