import { ExperimentOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, InputNumber, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BenchResult, LlmStatus } from '../../../../shared/contract/llm';
import { useApi } from '../../api/context';
import { ErrorAlert, errorText } from '../../ui/errors';
import { formatDateTime } from '../../ui/format';
import { formatDensity, formatNumber, formatPercent, formatSize, modelProblemText } from './format';
import { llmKeys, percentOf, useBenchResults, useOps } from './hooks';

/** The knowledge-density bench: the built-in court suite on the loaded model, and the leaderboard. */
export function BenchCard({ status }: { status: LlmStatus | undefined }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const api = useApi();
  const qc = useQueryClient();
  const results = useBenchResults();
  const [limit, setLimit] = useState<number | null>(3);
  const [opId, setOpId] = useState<string | null>(null);
  const ops = useOps(['llm.bench'], (d) => {
    if (d.status === 'ok') void qc.invalidateQueries({ queryKey: llmKeys.bench });
  });
  const state = ops(opId);
  const running = opId !== null && state !== null && state.done === null;
  const canRun = !!(status?.model || status?.savedModel);

  const run = async () => {
    try {
      const started = await api['llm.bench.run'](limit ? { limit } : {});
      setOpId(started.opId);
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

  const columns: TableColumnsType<BenchResult> = [
    {
      key: 'rank',
      title: '#',
      width: 44,
      render: (_v, _r, i) => i + 1,
    },
    {
      key: 'model',
      title: t('models.bench.model'),
      render: (_v, r) => (
        <Space orientation="vertical" size={0}>
          <Tooltip title={r.modelPath}>
            <Typography.Text strong>{r.modelName}</Typography.Text>
          </Tooltip>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[r.quantization, formatSize(r.fileBytes), t('models.bench.threadsN', { count: r.threads })].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'density',
      title: (
        <Tooltip title={t('models.bench.densityDefinition')}>
          <span>{t('models.bench.density')}</span>
        </Tooltip>
      ),
      render: (_v, r) => (
        <Typography.Text strong data-testid="bench-density">
          {formatDensity(r.density)}
        </Typography.Text>
      ),
    },
    { key: 'accuracy', title: t('models.bench.accuracy'), render: (_v, r) => formatPercent(r.accuracy) },
    { key: 'json', title: t('models.bench.jsonValid'), render: (_v, r) => formatPercent(r.jsonValidRate) },
    {
      key: 'ttft',
      title: t('models.bench.ttft'),
      render: (_v, r) => (r.ttftMsMedian === null ? t('common.none') : t('models.bench.ms', { value: formatNumber(r.ttftMsMedian, 0) })),
    },
    { key: 'tps', title: t('models.bench.tokensPerSecond'), render: (_v, r) => formatNumber(r.tokensPerSecond, 1) },
    { key: 'spi', title: t('models.bench.secondsPerItem'), render: (_v, r) => formatNumber(r.secondsPerItem, 2) },
    { key: 'mem', title: t('models.bench.peakMemory'), render: (_v, r) => formatSize(r.peakRssBytes) },
    {
      key: 'items',
      title: t('models.bench.items'),
      render: (_v, r) => (
        <Tooltip
          title={Object.entries(r.byTask)
            .map(([k, v]) => `${t(`models.bench.tasks.${k}`, { defaultValue: k })}: ${v.items} · ${formatPercent(v.accuracy)}`)
            .join('；')}
        >
          <span>{r.items}</span>
        </Tooltip>
      ),
    },
    {
      key: 'when',
      title: t('models.bench.when'),
      render: (_v, r) => (
        <Space orientation="vertical" size={0}>
          <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(r.startedAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('models.bench.suite', { version: r.suiteVersion })}
          </Typography.Text>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="bench">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('models.bench.definitionTitle')}
        description={
          <>
            <div data-testid="bench-definition">{t('models.bench.densityDefinition')}</div>
            <div style={{ marginTop: 4 }}>{t('models.bench.suiteNote')}</div>
          </>
        }
      />
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('models.bench.randomNote')} />
      <Space wrap style={{ marginBottom: 12 }} align="center">
        <span>{t('models.bench.limit')}</span>
        <InputNumber
          min={1}
          max={1000}
          precision={0}
          value={limit}
          onChange={(v) => setLimit(v)}
          placeholder={t('models.bench.limitAll')}
          style={{ width: 120 }}
          data-testid="bench-limit"
        />
        <Tooltip title={canRun ? '' : t('models.bench.needModel')}>
          <Button type="primary" icon={<ExperimentOutlined />} onClick={() => void run()} disabled={!canRun || running} loading={running} data-testid="bench-run">
            {t('models.bench.run')}
          </Button>
        </Tooltip>
        {running && (
          <Button onClick={() => void cancel()} data-testid="bench-cancel">
            {t('common.cancel')}
          </Button>
        )}
        {status?.model && <Typography.Text type="secondary">{t('models.bench.onModel', { name: status.model.name })}</Typography.Text>}
      </Space>
      {running && (
        <div style={{ marginBottom: 12 }} data-testid="bench-progress">
          <Progress percent={percentOf(state.progress)} status="active" />
          {state.progress && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('models.bench.progress', { done: state.progress.done, total: state.progress.total ?? '?', item: state.progress.message })}
            </Typography.Text>
          )}
        </div>
      )}
      {state?.done?.status === 'error' && state.done.error && (
        <div style={{ marginBottom: 12 }} data-testid="bench-error">
          <Alert type="error" showIcon title={t('models.bench.failed')} description={modelProblemText(t, state.done.error.message)} />
        </div>
      )}
      {state?.done?.status === 'cancelled' && (
        <div style={{ marginBottom: 12 }}>
          <Tag>{t('models.bench.cancelled')}</Tag>
        </div>
      )}
      <Typography.Title level={5} style={{ marginTop: 4 }}>
        {t('models.bench.leaderboard')}
      </Typography.Title>
      {results.isError && <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />}
      <Table<BenchResult>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={results.data?.items ?? []}
        loading={results.isPending}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('models.bench.empty') }}
        data-testid="bench-table"
      />
    </div>
  );
}
