import type { TimelineEvent } from '@perch/shared';
import { useTranslation } from '@/lib/use-translation.tsx';
import { useFormatDate } from '@/lib/format.ts';
import { describeEvent, type TimelineNames } from '../timeline-text.ts';
import type { AgentOption, TagOption, TeamOption } from '../types.ts';

interface TimelineProps {
  events: TimelineEvent[];
  agents: AgentOption[];
  teams: TeamOption[];
  tags: TagOption[];
  timeZone?: string;
}

/** Everything that happened to the conversation, newest first, in sentences. */
export function Timeline({ events, agents, teams, tags, timeZone }: TimelineProps) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const names: TimelineNames = {
    user: (id) => agents.find((a) => a.userId === id)?.name,
    team: (id) => teams.find((x) => x.id === id)?.name,
    tag: (id) => tags.find((x) => x.id === id)?.name,
    date: (iso) => formatDate(iso, { timeZone }),
  };
  if (events.length === 0) return <p className="muted">{t('conversation.timeline.empty')}</p>;
  const newestFirst = [...events].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="timeline" aria-label={t('conversation.tabs.timeline')}>
      {newestFirst.map((event) => (
        <li key={event.id}>
          <time dateTime={event.at} className="subtle">
            {formatDate(event.at, { timeZone })}
          </time>{' '}
          <span>{describeEvent(event, names, t)}</span>
        </li>
      ))}
    </ol>
  );
}
