import { App as AntApp, Button, Card, Col, Collapse, Empty, Row, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Calibration, ModelOverview } from '../../../../shared/contract/mediation';
import { ErrorAlert, errorText } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { useMediationModel, useRefit } from './hooks';

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

/** Predicted (across) against observed (up): points on the diagonal are well calibrated. */
export function CalibrationPlot({ calibration }: { calibration: Calibration }) {
  const { t } = useTranslation();
  const size = 220;
  const pad = 30;
  // Room on the right and top for the axis labels and for a bubble at 100%.
  const top = 14;
  const inner = size - pad - 18;
  const px = (v: number) => pad + v * inner;
  const py = (v: number) => top + (1 - v) * inner;
  const maxCount = Math.max(1, ...calibration.buckets.map((b) => b.count));
  return (
    <svg viewBox={`0 0 ${size} ${size}`} width={size} height={size} role="img" aria-label={t('mediation.modelCard.plotLabel')} data-testid="calibration-plot">
      <rect x={pad} y={top} width={inner} height={inner} fill="#fafafa" stroke="#d9d9d9" />
      <line x1={px(0)} y1={py(0)} x2={px(1)} y2={py(1)} stroke="#8c8c8c" strokeDasharray="4 3" />
      {[0, 0.5, 1].map((v) => (
        <g key={v}>
          <text x={px(v)} y={top + inner + 14} fontSize={10} textAnchor="middle" fill="#8c8c8c">
            {v * 100}%
          </text>
          <text x={pad - 4} y={py(v) + 3} fontSize={10} textAnchor="end" fill="#8c8c8c">
            {v * 100}%
          </text>
        </g>
      ))}
      {calibration.buckets
        .filter((b) => b.count > 0 && b.predicted !== null && b.observed !== null)
        .map((b) => (
          <circle
            key={b.from}
            cx={px(b.predicted!)}
            cy={py(b.observed!)}
            r={4 + 6 * Math.sqrt(b.count / maxCount)}
            fill="#1677ff"
            opacity={0.7}
          >
            <title>{`${pct(b.from)}–${pct(b.to)}: ${b.count}; ${pct(b.predicted)} → ${pct(b.observed)}`}</title>
          </circle>
        ))}
    </svg>
  );
}

function CalibrationTable({ calibration }: { calibration: Calibration }) {
  const { t } = useTranslation();
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="from"
      data-testid="calibration-table"
      dataSource={calibration.buckets}
      columns={[
        { key: 'b', title: t('mediation.modelCard.bucket'), render: (_, b) => `${pct(b.from)}–${pct(b.to)}` },
        { key: 'n', title: t('mediation.modelCard.count'), dataIndex: 'count', align: 'right' },
        { key: 'p', title: t('mediation.modelCard.predicted'), render: (_, b) => pct(b.predicted), align: 'right' },
        { key: 'o', title: t('mediation.modelCard.observed'), render: (_, b) => pct(b.observed), align: 'right' },
      ]}
    />
  );
}

function WeightsTable({ model }: { model: ModelOverview }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={model.weights}
      scroll={{ y: 320 }}
      columns={[
        {
          key: 'f',
          title: t('mediation.modelCard.factor'),
          render: (_, w) => (
            <span title={en ? w.basis : w.basisZh}>
              {en ? w.en : w.zh} {w.judgment && <Tag color="gold">{t('mediation.factors.judgment')}</Tag>}
            </span>
          ),
        },
        { key: 'p', title: t('mediation.modelCard.prior'), dataIndex: 'prior', align: 'right', width: 80 },
        {
          key: 'fit',
          title: t('mediation.modelCard.fitted'),
          align: 'right',
          width: 110,
          render: (_, w) => (w.learnable ? (w.fitted ?? '—') : t('mediation.modelCard.fixed')),
        },
      ]}
    />
  );
}

/** Which model is in use, how well it is calibrated on this court's cases, and its weights. */
export function ModelCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const q = useMediationModel();
  const refit = useRefit();
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const m = q.data;
  const doRefit = async () => {
    try {
      const r = await refit.mutateAsync();
      if (r.refitted) void message.success(t('mediation.modelCard.refitDone', { n: r.info.trainedOn }));
      else void message.info(t('mediation.modelCard.refitNotEnough', { min: r.info.minCases }));
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };
  return (
    <Card size="small" title={t('mediation.modelCard.title')} loading={q.isPending} data-testid="mediation-model">
      {m && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            <Tag color={m.info.kind === 'fitted' ? 'blue' : 'default'} data-testid="mediation-model-kind">
              {m.info.kind === 'fitted'
                ? t('mediation.model.fitted', { n: m.info.trainedOn, pos: m.info.positives })
                : t('mediation.model.priorWithCount', { n: m.info.labelledCases, min: m.info.minCases })}
            </Tag>
            {m.info.fittedAt !== null && <Typography.Text type="secondary">{t('mediation.model.fittedAt', { date: formatDateTime(m.info.fittedAt) })}</Typography.Text>}
            <Button size="small" onClick={() => void doRefit()} loading={refit.isPending} data-testid="mediation-refit">
              {t('mediation.modelCard.refit')}
            </Button>
          </Space>
          <Row gutter={16}>
            <Col xs={24} md={9}>
              <Typography.Text strong>{t('mediation.modelCard.calibration')}</Typography.Text>
              <div style={{ fontSize: 12, color: '#8c8c8c', marginBottom: 4 }}>
                {m.calibration.method === 'prior' ? t('mediation.modelCard.calibrationPrior') : t('mediation.modelCard.calibrationCv')}
              </div>
              {m.calibration.n === 0 ? (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mediation.modelCard.noCases')} />
              ) : (
                <CalibrationPlot calibration={m.calibration} />
              )}
            </Col>
            <Col xs={24} md={15}>
              {m.calibration.n > 0 && <CalibrationTable calibration={m.calibration} />}
              {m.calibration.brier !== null && (
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }} data-testid="calibration-brier">
                  {t('mediation.modelCard.brier', { b: m.calibration.brier.toFixed(3), p: m.calibration.priorBrier?.toFixed(3) ?? '—' })}
                </Typography.Paragraph>
              )}
            </Col>
          </Row>
          <Collapse
            size="small"
            style={{ marginTop: 12 }}
            items={[{ key: 'w', label: t('mediation.modelCard.weights'), children: <WeightsTable model={m} /> }]}
          />
        </>
      )}
    </Card>
  );
}
