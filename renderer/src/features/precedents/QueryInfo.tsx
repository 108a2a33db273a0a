import { InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Space, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryInfo } from '../../../../shared/contract/precedents';
import { formatFen } from '../../ui/money';
import { fixed2 } from './format';

function Line({ label, children, hint }: { label: string; children: ReactNode; hint?: string }) {
  return (
    <div style={{ display: 'flex', gap: 8, alignItems: 'baseline', marginTop: 4 }}>
      <Typography.Text type="secondary" style={{ flex: '0 0 auto', fontSize: 13, minWidth: 96 }}>
        {label}
        {hint && (
          <Tooltip title={hint}>
            <InfoCircleOutlined style={{ marginLeft: 4 }} />
          </Tooltip>
        )}
      </Typography.Text>
      <div style={{ flex: 1, minWidth: 0 }}>{children}</div>
    </div>
  );
}

/** What was actually searched: weighted terms, detected elements, amount, segmenter, truncation. */
export function QueryInfoPanel({ info, extra }: { info: QueryInfo; extra?: ReactNode }) {
  const { t } = useTranslation();
  const terms = [...info.terms].sort((a, b) => b.weight - a.weight).slice(0, 24);
  const none = <Typography.Text type="secondary">{t('precedents.queryInfo.none')}</Typography.Text>;
  return (
    <div data-testid="prec-query-info" style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', marginBottom: 12, background: '#fcfcfc' }}>
      {info.note && (
        <Alert type="warning" showIcon title={info.note} style={{ marginBottom: 8 }} data-testid="prec-query-note" />
      )}
      {info.truncated && (
        <Alert type="info" showIcon title={t('precedents.queryInfo.truncated', { chars: info.searchedChars })} style={{ marginBottom: 8 }} data-testid="prec-query-truncated" />
      )}
      {extra}
      <Line label={t('precedents.queryInfo.terms')} hint={t('precedents.queryInfo.termsHint')}>
        {terms.length === 0 ? (
          none
        ) : (
          <Space size={[4, 4]} wrap>
            {terms.map((term) => (
              <Tooltip key={term.term} title={`${fixed2(term.weight)} · df ${term.df}`}>
                <Tag style={{ marginInlineEnd: 0 }}>{term.term}</Tag>
              </Tooltip>
            ))}
          </Space>
        )}
      </Line>
      <Line label={t('precedents.queryInfo.elements')}>
        {info.elements.length === 0 ? (
          none
        ) : (
          <Space size={[4, 4]} wrap>
            {info.elements.map((f) => (
              <Tag key={f.id} color="cyan" style={{ marginInlineEnd: 0 }}>
                {f.label}
              </Tag>
            ))}
          </Space>
        )}
      </Line>
      {info.relationships.length > 0 && (
        <Line label={t('precedents.queryInfo.relationships')}>
          <Space size={[4, 4]} wrap>
            {info.relationships.map((f) => (
              <Tag key={f.id} color="purple" style={{ marginInlineEnd: 0 }}>
                {f.label}
              </Tag>
            ))}
          </Space>
        </Line>
      )}
      <Line label={t('precedents.queryInfo.amount')}>{info.principalFen !== null ? formatFen(info.principalFen) : none}</Line>
      <Line label={t('precedents.queryInfo.segmenter')}>
        <Typography.Text code style={{ fontSize: 12 }}>
          {info.segmenter}
        </Typography.Text>
      </Line>
    </div>
  );
}
