import { CloudDownloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Popconfirm, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DownloadResult, type CatalogEntry } from '../../../../shared/contract/llm';
import { useApi } from '../../api/context';
import { ErrorAlert, errorText } from '../../ui/errors';
import { testId } from '../../ui/format';
import { formatSize, modelProblemText } from './format';
import { llmKeys, percentOf, useCatalog, useOps } from './hooks';

/** Recommended models, downloaded only when the user asks, from the configured mirror. */
export function CatalogCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const api = useApi();
  const qc = useQueryClient();
  const catalog = useCatalog();
  const op = useOps(['llm.download'], (d) => {
    if (d.status !== 'ok') return;
    void qc.invalidateQueries({ queryKey: llmKeys.catalog });
    void qc.invalidateQueries({ queryKey: llmKeys.models });
  });
  // catalogId → opId of its download started from this page.
  const [started, setStarted] = useState<Readonly<Record<string, string>>>({});

  const download = async (m: CatalogEntry) => {
    try {
      const { opId } = await api['llm.download']({ catalogId: m.id });
      setStarted((s) => ({ ...s, [m.id]: opId }));
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const cancel = async (opId: string) => {
    try {
      await api['ops.cancel']({ opId });
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const onDone = (m: CatalogEntry) => {
    const state = op(started[m.id] ?? null);
    return state?.done ?? null;
  };

  const columns: TableColumnsType<CatalogEntry> = [
    {
      key: 'name',
      title: t('models.catalog.name'),
      width: 280,
      render: (_v, m) => (
        <Space orientation="vertical" size={2}>
          <Space size={6} wrap>
            <Typography.Text strong>{m.name}</Typography.Text>
            {m.downloaded && <Tag color="green">{t('models.catalog.downloaded')}</Tag>}
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {m.notes}
          </Typography.Text>
        </Space>
      ),
    },
    { key: 'params', title: t('models.table.parameters'), dataIndex: 'parameters', width: 70 },
    { key: 'quant', title: t('models.table.quantization'), dataIndex: 'quantization', width: 80 },
    { key: 'size', title: t('models.table.fileSize'), width: 90, render: (_v, m) => <span style={{ whiteSpace: 'nowrap' }}>{formatSize(m.sizeBytes)}</span> },
    { key: 'ram', title: t('models.catalog.ram'), width: 90, render: (_v, m) => <span style={{ whiteSpace: 'nowrap' }}>{t('models.catalog.ramGb', { gb: m.ramGb })}</span> },
    {
      key: 'license',
      title: t('models.catalog.license'),
      render: (_v, m) => (
        <Typography.Text style={{ fontSize: 12 }} ellipsis={{ tooltip: m.license }}>
          {m.license}
        </Typography.Text>
      ),
      width: 140,
    },
    {
      key: 'sha',
      title: t('models.catalog.sha256'),
      width: 130,
      render: (_v, m) =>
        m.sha256 ? (
          <Tooltip title={m.sha256}>
            <Tag color="blue">{t('models.catalog.shaKnown')}</Tag>
          </Tooltip>
        ) : (
          <Tooltip title={t('models.catalog.shaUnknownHint')}>
            <Tag data-testid={`catalog-sha-unknown-${m.id}`}>{t('models.catalog.shaUnknown')}</Tag>
          </Tooltip>
        ),
    },
    {
      key: 'actions',
      title: t('models.table.actions'),
      width: 170,
      fixed: 'right',
      render: (_v, m) => {
        const opId = started[m.id] ?? null;
        const state = op(opId);
        const running = opId !== null && state !== null && state.done === null;
        const done = onDone(m);
        if (running) {
          return (
            <Space orientation="vertical" size={2} style={{ width: '100%' }} data-testid={`catalog-progress-${m.id}`}>
              <Progress percent={percentOf(state.progress)} size="small" status="active" />
              <Space size={8}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {state.progress ? `${formatSize(state.progress.done)} / ${formatSize(state.progress.total ?? m.sizeBytes)}` : t('models.catalog.starting')}
                </Typography.Text>
                <Button size="small" onClick={() => void cancel(opId)} data-testid={`catalog-cancel-${m.id}`}>
                  {t('common.cancel')}
                </Button>
              </Space>
            </Space>
          );
        }
        const result = done?.status === 'ok' ? DownloadResult.safeParse(done.result) : null;
        return (
          <Space orientation="vertical" size={4}>
            {result?.success && (
              <Tooltip title={result.data.sha256}>
                <Tag color={result.data.verified ? 'green' : 'gold'} style={{ whiteSpace: 'normal' }} data-testid={`catalog-result-${m.id}`}>
                  {result.data.verified ? t('models.catalog.verified') : t('models.catalog.notVerified', { sha: result.data.sha256.slice(0, 12) })}
                </Tag>
              </Tooltip>
            )}
            {done?.status === 'cancelled' && <Typography.Text type="secondary">{t('models.catalog.cancelled')}</Typography.Text>}
            {done?.status === 'error' && done.error && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                {t('models.catalog.failed', { reason: modelProblemText(t, done.error.message) })}
              </Typography.Text>
            )}
            {!m.downloaded && (
              <Popconfirm
                title={t('models.catalog.confirmTitle', { name: m.name })}
                description={
                  <div style={{ maxWidth: 360 }}>
                    {t('models.catalog.confirmBody', { size: formatSize(m.sizeBytes), url: m.url })}
                  </div>
                }
                okText={t('models.catalog.download')}
                cancelText={t('common.cancel')}
                okButtonProps={testId(`catalog-download-confirm-${m.id}`)}
                onConfirm={() => download(m)}
              >
                <Button size="small" icon={<CloudDownloadOutlined />} data-testid={`catalog-download-${m.id}`}>
                  {done?.status === 'cancelled' || done?.status === 'error' ? t('models.catalog.resume') : t('models.catalog.download')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <div data-testid="catalog">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('models.catalog.intro')}
        description={t('models.catalog.mirrorNow', { mirror: catalog.data?.mirrorBaseUrl ?? '' })}
      />
      {catalog.isError && <ErrorAlert error={catalog.error} onRetry={() => void catalog.refetch()} />}
      <Table<CatalogEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={catalog.data?.items ?? []}
        loading={catalog.isPending}
        pagination={false}
        scroll={{ x: 1050 }}
        data-testid="catalog-table"
      />
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }}>
        {t('models.catalog.resumeNote')}
      </Typography.Paragraph>
    </div>
  );
}
