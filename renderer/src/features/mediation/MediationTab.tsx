import { InfoCircleOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Empty, Progress, Row, Skeleton, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Assessment, MediationLevel, OutcomeCount } from '../../../../shared/contract/mediation';
import { PRIOR } from '../../../../shared/rules/mediation';
import { ErrorAlert } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { FactorChart, FactorDetail } from './FactorChart';
import { useAssessment } from './hooks';
import { ModelCard } from './ModelCard';
import { NarrativeCard } from './NarrativeCard';
import { OutcomeCard } from './OutcomeCard';

const LEVEL_COLOR: Record<MediationLevel, string> = { easy: '#389e0d', medium: '#d48806', hard: '#cf1322' };
const pct = (v: number) => `${Math.round(v * 100)}%`;

function SummaryCard({ a }: { a: Assessment }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const info = a.modelInfo;
  return (
    <Card size="small" title={t('mediation.title')} data-testid="mediation-summary">
      <Row gutter={24} align="middle">
        <Col xs={24} md={7}>
          <Space align="center" size={16}>
            <div
              data-testid="mediation-level"
              data-level={a.level}
              style={{
                width: 64,
                height: 64,
                borderRadius: 32,
                background: LEVEL_COLOR[a.level],
                color: '#fff',
                fontSize: en ? 16 : 30,
                fontWeight: 600,
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
              }}
            >
              {t(`mediation.level.${a.level}`)}
            </div>
            <Statistic
              title={t('mediation.probability')}
              value={Math.round(a.probability * 100)}
              suffix="%"
              styles={{ content: { color: LEVEL_COLOR[a.level] } }}
              data-testid="mediation-probability"
            />
          </Space>
        </Col>
        <Col xs={24} md={17}>
          <Progress percent={Math.round(a.probability * 100)} showInfo={false} strokeColor={LEVEL_COLOR[a.level]} />
          <div style={{ fontSize: 12, color: '#8c8c8c' }}>
            {t('mediation.levelHint', { easy: pct(PRIOR.levels.easy), hard: pct(PRIOR.levels.hard) })} ·{' '}
            {t('mediation.baseline', { p: pct(a.baseline.probability), w: a.baseline.weight.toFixed(2) })}
          </div>
          <div style={{ marginTop: 6 }} data-testid="mediation-model-info">
            <Tag color={info.kind === 'fitted' ? 'blue' : 'default'}>
              {info.kind === 'fitted'
                ? t('mediation.model.fitted', { n: info.trainedOn, pos: info.positives })
                : t('mediation.model.priorWithCount', { n: info.labelledCases, min: info.minCases })}
            </Tag>
            {info.fittedAt !== null && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('mediation.model.fittedAt', { date: formatDateTime(info.fittedAt) })}
              </Typography.Text>
            )}
          </div>
        </Col>
      </Row>
      {a.barred && (
        <Alert style={{ marginTop: 12 }} type="error" showIcon title={t('mediation.barred')} description={en ? a.barred.en : a.barred.zh} />
      )}
      <Alert
        style={{ marginTop: 12 }}
        type="warning"
        showIcon
        icon={<InfoCircleOutlined />}
        title={en ? a.disclaimer.en : a.disclaimer.zh}
        data-testid="mediation-disclaimer"
      />
    </Card>
  );
}

function Counts({ counts }: { counts: readonly OutcomeCount[] }) {
  const { t } = useTranslation();
  const total = counts.reduce((s, c) => s + c.count, 0);
  const color = (o: OutcomeCount['outcome']) => (o === 'mediated' || o === 'withdrawn' ? 'green' : o === 'other' ? 'default' : 'volcano');
  return (
    <Space wrap size={4}>
      {counts.map((c) => (
        <Tag key={c.outcome} color={color(c.outcome)}>
          {t(`mediation.outcome.${c.outcome}`)} {c.count}（{pct(c.count / total)}）
        </Tag>
      ))}
      <Typography.Text type="secondary">{t('mediation.similar.total', { n: total })}</Typography.Text>
    </Space>
  );
}

function SimilarCard({ a }: { a: Assessment }) {
  const { t } = useTranslation();
  const s = a.similarOutcomes;
  return (
    <Card size="small" title={t('mediation.similar.title')} data-testid="mediation-similar">
      <Typography.Text strong>{t('mediation.similar.own')}</Typography.Text>
      <div style={{ margin: '4px 0 12px' }} data-testid="mediation-similar-own">
        {s.own.total ? <Counts counts={s.own.counts} /> : <Typography.Text type="secondary">{t('mediation.similar.ownEmpty')}</Typography.Text>}
      </div>
      <Typography.Text strong>{t('mediation.similar.precedents')}</Typography.Text>
      <div style={{ marginTop: 4 }} data-testid="mediation-similar-precedents">
        {s.precedents.total ? (
          <>
            <Counts counts={s.precedents.counts} />
            {s.precedents.examples.map((e) => (
              <div key={e.id} style={{ padding: '4px 0', borderBottom: '1px solid #f0f0f0' }}>
                <Tag>{t(`mediation.outcome.${e.outcome}`)}</Tag>
                {e.title || e.caseNumber}
                <Typography.Text type="secondary" style={{ marginLeft: 6, fontSize: 12 }}>
                  {[e.court, e.decidedOn].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
            ))}
          </>
        ) : (
          <Typography.Text type="secondary">{s.precedents.note || t('mediation.similar.precedentsEmpty')}</Typography.Text>
        )}
      </div>
    </Card>
  );
}

function SuggestionsCard({ a }: { a: Assessment }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return (
    <Card size="small" title={t('mediation.suggestions.title')} data-testid="mediation-suggestions">
      {a.suggestions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        a.suggestions.map((s, i) => (
          <div
            key={s.id}
            style={{ padding: '6px 0', borderTop: i ? '1px solid #f0f0f0' : undefined }}
            data-testid={`suggestion-${s.id}`}
          >
            <div>{en ? s.en : s.zh}</div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('mediation.suggestions.basis', { basis: en ? s.basis : s.basisZh })}
            </Typography.Text>
          </div>
        ))
      )}
    </Card>
  );
}

/** The 调解 tab of a case: the assessment, its factors and sources, similar outcomes, approaches, outcome and model. */
export function MediationTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const q = useAssessment(caseId);
  const [selected, setSelected] = useState<string | null>(null);
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const a = q.data;
  const factor = a.factors.find((f) => f.id === selected) ?? null;
  return (
    <div data-testid="mediation-tab" style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
      <SummaryCard a={a} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('mediation.factors.title')} data-testid="mediation-factors">
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('mediation.factors.hint')}
            </Typography.Paragraph>
            <FactorChart factors={a.factors} selected={selected} onSelect={(id) => setSelected(id === selected ? null : id)} />
            {a.factors.length > 0 && (
              <div style={{ marginTop: 12, padding: 12, background: '#fafafa', borderRadius: 6 }}>
                <FactorDetail factor={factor} />
              </div>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10} style={{ display: 'flex', flexDirection: 'column', gap: 16 }}>
          <SuggestionsCard a={a} />
          <SimilarCard a={a} />
        </Col>
      </Row>
      <NarrativeCard assessment={a} />
      <OutcomeCard key={a.outcome?.recordedAt ?? 'none'} assessment={a} />
      <ModelCard />
    </div>
  );
}
