import { useTranslation } from '@/lib/use-translation.tsx';
import { Link } from '@/components/link.tsx';

/** Shown for an unknown path and for an organization the user is not a member of (the server answers NOT_FOUND). */
export function NotFound() {
  const { t } = useTranslation();
  return (
    <div className="stack empty-state" data-testid="not-found">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/" className="button">
          {t('notFound.home')}
        </Link>
      </p>
    </div>
  );
}

export function NoAccess({ role }: { role: string }) {
  const { t } = useTranslation();
  return (
    <div className="stack empty-state" data-testid="no-access">
      <h1>{t('noAccess.title')}</h1>
      <p>{t('noAccess.body', { role })}</p>
    </div>
  );
}
