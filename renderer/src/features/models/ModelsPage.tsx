import { useTranslation } from 'react-i18next';
import { ComingSoon, PageTitle } from '../../ui/EmptyState';

export function ModelsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t('placeholders.models.title')}</PageTitle>
      <ComingSoon title={t('placeholders.comingSoon')} body={t('placeholders.models.body')} testId="models-empty" />
    </>
  );
}
