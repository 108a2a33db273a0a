import { useTranslation } from 'react-i18next';
import { ComingSoon, PageTitle } from '../../ui/EmptyState';

export function PrecedentsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('placeholders.precedents.title')}</PageTitle>
      <ComingSoon title={t('placeholders.comingSoon')} body={t('placeholders.precedents.body')} testId="precedents-empty" />
    </>
  );
}
