import { CheckCircleOutlined, ExclamationCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Conflict } from '../../../../shared/contract/hearings';
import { formatArticle } from '../intake/format';

/** Hard conflicts first, then warnings; each with its reason, the rule and the other case. */
export function ConflictList({ conflicts }: { conflicts: readonly Conflict[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  if (conflicts.length === 0) {
    return (
      <Typography.Text type="success" data-testid="conflicts-clear">
        <CheckCircleOutlined /> {t('hearings.check.clear')}
      </Typography.Text>
    );
  }
  const sorted = [...conflicts].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'hard' ? -1 : 1));
  return (
    <ul data-testid="conflict-list" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}>
      {sorted.map((c, i) => {
        const hard = c.severity === 'hard';
        return (
          <li
            key={`${c.kind}-${c.otherHearingId ?? ''}-${i}`}
            data-testid={`conflict-${c.kind}`}
            data-severity={c.severity}
            style={{
              border: `1px solid ${hard ? '#ffccc7' : '#ffe58f'}`,
              background: hard ? '#fff2f0' : '#fffbe6',
              borderRadius: 6,
              padding: '8px 12px',
            }}
          >
            <Space size={6} wrap style={{ marginBottom: 2 }}>
              {hard ? <ExclamationCircleOutlined style={{ color: '#cf1322' }} /> : <WarningOutlined style={{ color: '#d48806' }} />}
              <Tag color={hard ? 'red' : 'gold'} style={{ marginInlineEnd: 0 }}>
                {hard ? t('hearings.check.hard') : t('hearings.check.warning')}
              </Tag>
              <Typography.Text strong>{t(`hearings.conflictKinds.${c.kind}`)}</Typography.Text>
            </Space>
            <div data-testid="conflict-reason">{en ? c.en : c.zh}</div>
            {(c.rule || c.otherCaseNumber) && (
              <Space size={12} wrap style={{ fontSize: 12, marginTop: 2 }}>
                {c.rule && <Typography.Text type="secondary">{t('hearings.check.rule', { rule: formatArticle(c.rule, en ? 'en' : 'zh') })}</Typography.Text>}
                {c.otherCaseNumber && (
                  <Typography.Text type="secondary" data-testid="conflict-other-case">
                    {t('hearings.check.otherCase', { number: c.otherCaseNumber })}
                  </Typography.Text>
                )}
              </Space>
            )}
          </li>
        );
      })}
    </ul>
  );
}
