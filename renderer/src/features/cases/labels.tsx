import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseStage } from '../../../../shared/contract/cases';

const STAGE_COLORS: Record<CaseStage, string> = {
  intake: 'blue',
  service: 'cyan',
  pretrial: 'geekblue',
  hearing: 'purple',
  decision: 'orange',
  closed: 'green',
  archived: 'default',
};

export function StageTag({ stage }: { stage: CaseStage }) {
  const { t } = useTranslation();
  return <Tag color={STAGE_COLORS[stage]}>{t(`enums.stage.${stage}`)}</Tag>;
}

/** A draft case has no number yet; say so instead of showing a blank cell. */
export function CaseNumber({ value }: { value: string }) {
  const { t } = useTranslation();
  if (value) return <span style={{ whiteSpace: 'nowrap' }}>{value}</span>;
  return (
    <Tag color="warning" data-testid="case-number-draft">
      {t('cases.draft')}
    </Tag>
  );
}
