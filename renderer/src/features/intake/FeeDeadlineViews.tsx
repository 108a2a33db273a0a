import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TrackedDeadline } from '../../../../shared/contract/intake';
import { weekdayEn, weekdayZh } from '../../../../shared/rules/dates';
import type { BiText } from '../../../../shared/rules/errors';
import { errorText } from '../../ui/errors';
import { formatArticle, formatFeeRate, formatFeeTier, pick, useLang, type Lang } from './format';
import { useCompleteDeadline } from './hooks';

/** "2111.103" → "2,111.103"; grouping for the rules' exact decimal strings. */
export function groupYuan(s: string): string {
  const m = /^(-?)(\d+)(.*)$/.exec(s);
  if (!m) return s;
  return `${m[1]}${(m[2] ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

export interface FeeView {
  readonly fee: string;
  readonly fullFee: string;
  readonly exactFee: string;
  readonly halved: boolean;
  readonly steps: readonly { readonly tier: string; readonly base: string; readonly rate: string; readonly amount: string }[];
  readonly article: string;
  readonly notes: readonly BiText[];
}

/** The fee with its tier-by-tier computation and the article, the way a clerk explains it at the counter. */
export function FeeDetail({ fee, testid = 'fee-detail' }: { fee: FeeView; testid?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  type Row = FeeView['steps'][number] & { key: number };
  const columns: TableColumnsType<Row> = [
    { key: 'tier', title: t('intake.fee.tier'), render: (_v, r) => formatFeeTier(r.tier, lang) },
    { key: 'base', title: t('intake.fee.base'), align: 'right', render: (_v, r) => groupYuan(r.base) },
    { key: 'rate', title: t('intake.fee.rate'), align: 'right', width: 64, render: (_v, r) => formatFeeRate(r.rate, lang) },
    { key: 'amount', title: t('intake.fee.amount'), align: 'right', render: (_v, r) => groupYuan(r.amount) },
  ];
  return (
    <div data-testid={testid}>
      <Space align="baseline" wrap size={12} style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('intake.fee.payable')}</Typography.Text>
        <Typography.Text strong style={{ fontSize: 22, color: '#a61d24' }} data-testid="fee-amount">
          ¥{groupYuan(fee.fee)}
        </Typography.Text>
        {fee.halved && (
          <Typography.Text type="secondary">{t('intake.fee.halvedFrom', { full: groupYuan(fee.fullFee) })}</Typography.Text>
        )}
      </Space>
      <Table<Row>
        size="small"
        pagination={false}
        rowKey="key"
        columns={columns}
        dataSource={fee.steps.map((s, i) => ({ ...s, key: i }))}
        data-testid="fee-steps"
      />
      {fee.exactFee !== fee.fee && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 6, fontSize: 12 }}>
          {t('intake.fee.exact', { exact: groupYuan(fee.exactFee) })}
        </Typography.Text>
      )}
      <div style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">{t('intake.fee.article')}</Typography.Text>
        <Typography.Text data-testid="fee-article">{formatArticle(fee.article, lang)}</Typography.Text>
      </div>
      {fee.notes.length > 0 && (
        <ul style={{ margin: '6px 0 0', paddingInlineStart: 18, color: '#8c8c8c', fontSize: 12 }}>
          {fee.notes.map((n) => (
            <li key={n.en}>{pick(n, lang)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function dayWithWeekday(iso: string, lang: Lang): string {
  return lang === 'en' ? `${iso} (${weekdayEn(iso)})` : `${iso}（${weekdayZh(iso)}）`;
}

/** How a period was computed, one step per line (CPL art. 85 and the rest-day roll-over). */
export function DeadlineSteps({ steps, warnings }: { steps: readonly BiText[]; warnings: readonly BiText[] }) {
  const lang = useLang();
  return (
    <div data-testid="deadline-steps">
      <ol style={{ margin: 0, paddingInlineStart: 20 }}>
        {steps.map((s, i) => (
          <li key={i} style={{ marginBottom: 2 }}>
            {pick(s, lang)}
          </li>
        ))}
      </ol>
      {warnings.map((w, i) => (
        <div key={i} style={{ marginTop: 6 }}>
          <Alert type="warning" showIcon title={pick(w, lang)} />
        </div>
      ))}
    </div>
  );
}

export function UrgencyTag({ d }: { d: Pick<TrackedDeadline, 'status' | 'urgency' | 'daysLeft'> }) {
  const { t } = useTranslation();
  if (d.status === 'done') return <Tag color="default">{t('intake.deadlines.done')}</Tag>;
  if (d.urgency === 'overdue') return <Tag color="error">{t('intake.deadlines.overdue', { count: -d.daysLeft })}</Tag>;
  if (d.daysLeft === 0) return <Tag color="volcano">{t('intake.deadlines.today')}</Tag>;
  if (d.urgency === 'due-soon') return <Tag color="orange">{t('intake.deadlines.dueIn', { count: d.daysLeft })}</Tag>;
  return <Tag color="blue">{t('intake.deadlines.dueIn', { count: d.daysLeft })}</Tag>;
}

export function DoneButton({ d }: { d: TrackedDeadline }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const complete = useCompleteDeadline();
  const done = d.status === 'done';
  return (
    <Button
      size="small"
      icon={done ? <RollbackOutlined /> : <CheckOutlined />}
      loading={complete.isPending}
      data-testid={`deadline-done-${d.id}`}
      onClick={async (e) => {
        e.stopPropagation();
        try {
          await complete.mutateAsync({ id: d.id, done: !done });
          void message.success(done ? t('intake.deadlines.reopened') : t('intake.deadlines.markedDone'));
        } catch (err) {
          void message.error(errorText(t, err));
        }
      }}
    >
      {done ? t('intake.deadlines.reopen') : t('intake.deadlines.markDone')}
    </Button>
  );
}

/** Tracked deadlines with how each was computed (expand a row), the article and estimates marked. */
export function DeadlineTable({
  items,
  showCase = false,
  readOnly = false,
  rowActions,
}: {
  items: readonly TrackedDeadline[];
  showCase?: boolean;
  readOnly?: boolean;
  /** Extra actions for a row (登记送达 on the answer period, 延长审限 on the trial limit). */
  rowActions?: (d: TrackedDeadline) => ReactNode;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns: TableColumnsType<TrackedDeadline> = [
    ...(showCase
      ? [
          {
            key: 'case',
            title: t('cases.columns.caseNumber'),
            render: (_v: unknown, d: TrackedDeadline) => (
              <Link to={`/cases/${d.caseId}`} data-testid={`deadline-case-${d.id}`} onClick={(e) => e.stopPropagation()}>
                {d.caseNumber || t('cases.draft')}
              </Link>
            ),
          },
        ]
      : []),
    {
      key: 'label',
      title: t('intake.deadlines.what'),
      render: (_v, d) => (
        <div>
          <Space size={4} wrap>
            <span>{pick(d.label, lang)}</span>
            {d.estimated && (
              <Tooltip title={t('intake.deadlines.estimatedHelp')}>
                <Tag color="gold" data-testid="deadline-estimated">
                  {t('intake.deadlines.estimated')}
                </Tag>
              </Tooltip>
            )}
          </Space>
          {d.basis && (
            <div style={{ color: '#8c8c8c', fontSize: 12, marginTop: 2 }} data-testid="deadline-basis">
              {t('intake.deadlines.basis', { basis: pick(d.basis, lang) })}
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'due',
      title: t('intake.deadlines.due'),
      render: (_v, d) => <span style={{ whiteSpace: 'nowrap' }}>{dayWithWeekday(d.due, lang)}</span>,
    },
    { key: 'left', title: t('intake.deadlines.left'), render: (_v, d) => <UrgencyTag d={d} /> },
    {
      key: 'article',
      title: t('intake.deadlines.article'),
      render: (_v, d) => <Typography.Text type="secondary">{formatArticle(d.article, lang)}</Typography.Text>,
    },
    ...(readOnly
      ? []
      : [
          {
            key: 'actions',
            title: '',
            width: rowActions ? 260 : 110,
            render: (_v: unknown, d: TrackedDeadline) => (
              <Space size={6} wrap>
                {rowActions?.(d)}
                <DoneButton d={d} />
              </Space>
            ),
          },
        ]),
  ];
  return (
    <Table<TrackedDeadline>
      size="small"
      rowKey="id"
      pagination={false}
      columns={columns}
      dataSource={[...items]}
      scroll={{ x: 720 }}
      expandable={{
        expandedRowRender: (d) => (
          <div style={{ padding: '4px 8px' }}>
            <Typography.Text type="secondary">{t('intake.deadlines.howComputed', { start: d.start })}</Typography.Text>
            <DeadlineSteps steps={d.steps} warnings={d.warnings} />
          </div>
        ),
      }}
      onRow={(d) =>
        ({
          'data-testid': `deadline-row-${d.kind}`,
          'data-urgency': d.status === 'done' ? 'done' : d.urgency,
          style: {
            background: d.status === 'open' && d.urgency === 'overdue' ? '#fff1f0' : d.status === 'open' && d.urgency === 'due-soon' ? '#fffbe6' : undefined,
          },
        }) as HTMLAttributes<HTMLElement>
      }
      data-testid="deadline-table"
    />
  );
}
