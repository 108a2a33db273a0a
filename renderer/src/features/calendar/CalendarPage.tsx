import { useTranslation } from 'react-i18next';
import { ComingSoon, PageTitle } from '../../ui/EmptyState';

export function CalendarPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('placeholders.calendar.title')}</PageTitle>
      <ComingSoon title={t('placeholders.comingSoon')} body={t('placeholders.calendar.body')} testId="calendar-empty" />
    </>
  );
}
