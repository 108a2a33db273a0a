import { CheckCircleTwoTone, FileTextOutlined, StopOutlined, ThunderboltOutlined, WarningTwoTone } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Empty, Progress, Select, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Summary, SummarySentence } from '../../../../shared/contract/review';
import { useApi } from '../../api/context';
import { ErrorAlert, errorText } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { percentOf, useOps } from '../models/hooks';
import { docTitle } from './CaseFilePanel';
import { useCaseFile, useReviewMutation, useSummary } from './hooks';
import { useOpenReader } from './reader';

const KINDS = ['review.summary'];
type Mode = 'auto' | 'extractive' | 'abstractive';
type Check = SummarySentence['check'];
const CHECK_COLOR: Readonly<Record<Check, string>> = { extractive: 'blue', quoted: 'green', overlap: 'cyan', unverified: 'orange' };

function Sentence({ s, index }: { s: SummarySentence; index: number }) {
  const { t } = useTranslation();
  const open = useOpenReader();
  const src = s.source;
  return (
    <div
      data-testid={`summary-sentence-${index}`}
      data-check={s.check}
      style={{ display: 'flex', gap: 8, alignItems: 'baseline', padding: '6px 0', borderTop: index ? '1px solid #f5f5f5' : undefined }}
    >
      <Tooltip title={t(`review.summary.checkHints.${s.check}`)}>
        <Tag color={CHECK_COLOR[s.check]} style={{ flexShrink: 0 }} icon={s.verified ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <WarningTwoTone twoToneColor="#faad14" />}>
          {t(`review.summary.checks.${s.check}`)}
        </Tag>
      </Tooltip>
      <span
        style={{
          flex: 1,
          minWidth: 0,
          lineHeight: 1.8,
          cursor: src ? 'pointer' : undefined,
          background: s.verified ? undefined : '#fffbe6',
        }}
        onClick={src ? () => open({ documentId: src.documentId, title: src.documentTitle, span: { start: src.start, end: src.end }, quote: src.quote }) : undefined}
        data-testid="summary-sentence-text"
      >
        {s.text}
      </span>
      {src && (
        <Tooltip title={`“${src.quote}”`}>
          <Button
            type="link"
            size="small"
            icon={<FileTextOutlined />}
            style={{ flexShrink: 0, maxWidth: 200, paddingInline: 0 }}
            onClick={() => open({ documentId: src.documentId, title: src.documentTitle, span: { start: src.start, end: src.end }, quote: src.quote })}
            data-testid="summary-source"
          >
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{src.documentTitle}</span>
          </Button>
        </Tooltip>
      )}
    </div>
  );
}

function SummaryView({ summary }: { summary: Summary }) {
  const { t } = useTranslation();
  return (
    <div data-testid="summary-view">
      <Space wrap size={8} style={{ marginBottom: 8 }}>
        <Tag color={summary.method === 'abstractive' ? 'purple' : 'blue'} data-testid="summary-method">
          {t(`review.summary.method.${summary.method}`)}
        </Tag>
        {summary.allVerified ? (
          <Tag color="success">{t('review.summary.allVerified')}</Tag>
        ) : (
          <Tag color="warning">{t('review.summary.someUnverified')}</Tag>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('review.summary.createdAt', { at: formatDateTime(summary.createdAt) })}
        </Typography.Text>
      </Space>
      {summary.note && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }} data-testid="summary-note">
          {summary.note}
        </Typography.Paragraph>
      )}
      {summary.sentences.map((s, i) => (
        <Sentence key={i} s={s} index={i} />
      ))}
    </div>
  );
}

export function SummaryPanel({ caseId, readOnly }: { caseId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const api = useApi();
  const qc = useQueryClient();
  const file = useCaseFile(caseId);
  const [documentId, setDocumentId] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>('auto');
  const [opId, setOpId] = useState<string | null>(null);
  const summary = useSummary(caseId, documentId);
  const start = useReviewMutation('review.summary.start');
  const op = useOps(KINDS, (done) => {
    if (done.status === 'ok') void qc.invalidateQueries({ queryKey: ['cases', 'review', 'summary', caseId] });
  })(opId);
  const running = opId !== null && !op?.done;
  const failed = op?.done?.status === 'error' ? (op.done.error?.message ?? '') : null;
  const cancelled = op?.done?.status === 'cancelled';

  const run = async () => {
    try {
      const r = await start.mutateAsync({ caseId, documentId, mode });
      setOpId(r.opId);
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const cancel = async () => {
    if (!opId) return;
    try {
      await api['ops.cancel']({ opId });
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const docs = (file.data?.items ?? []).filter((e) => e.document.textLength > 0);

  return (
    <div data-testid="summary">
      <Space wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('review.summary.scope')}</Typography.Text>
        <Select<string>
          value={documentId ?? ''}
          onChange={(v) => {
            setDocumentId(v || null);
            setOpId(null);
          }}
          style={{ minWidth: 260 }}
          options={[{ value: '', label: t('review.summary.wholeCase') }, ...docs.map((e) => ({ value: e.document.id, label: `${t(`review.category.${e.category}`)} · ${docTitle(e)}` }))]}
          data-testid="summary-scope"
        />
        <Typography.Text>{t('review.summary.mode')}</Typography.Text>
        <Select<Mode>
          value={mode}
          onChange={setMode}
          style={{ minWidth: 220 }}
          options={(['auto', 'extractive', 'abstractive'] as const).map((m) => ({ value: m, label: t(`review.summary.modes.${m}`) }))}
          data-testid="summary-mode"
        />
        {!readOnly && (
          <Button type="primary" icon={<ThunderboltOutlined />} loading={start.isPending} disabled={running} onClick={() => void run()} data-testid="summary-generate">
            {summary.data ? t('review.summary.regenerate') : t('review.summary.generate')}
          </Button>
        )}
      </Space>
      {running && (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="summary-running">
          <Space style={{ width: '100%' }} orientation="vertical">
            <Space>
              <Typography.Text>{t('review.summary.running')}</Typography.Text>
              {op?.progress?.message && <Typography.Text type="secondary">{op.progress.message}</Typography.Text>}
            </Space>
            <Progress percent={percentOf(op?.progress)} status="active" size="small" />
            <Button size="small" icon={<StopOutlined />} onClick={() => void cancel()} data-testid="summary-cancel">
              {t('review.summary.cancel')}
            </Button>
          </Space>
        </Card>
      )}
      {failed !== null && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('review.summary.failed', { msg: failed })} data-testid="summary-failed" />}
      {cancelled && <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('review.summary.cancelled')} />}
      {summary.isPending && <Skeleton active />}
      {summary.isError && <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />}
      {summary.data === null && !running && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.summary.none')} />}
      {summary.data && <SummaryView summary={summary.data} />}
    </div>
  );
}

