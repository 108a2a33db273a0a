import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Input, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LlmStatus, ModelInfo } from '../../../../shared/contract/llm';
import { useShell } from '../../api/context';
import { BrowseButton } from '../../ui/BrowseButton';
import { ErrorAlert, errorText } from '../../ui/errors';
import { testId } from '../../ui/format';
import { formatParameters, formatSize, modelErrorText, modelProblemText } from './format';
import { useAddModel, useModelList, useRemoveModel } from './hooks';

const SOURCE_COLOR: Record<ModelInfo['source'], string> = { project: 'purple', user: 'blue', added: 'cyan', downloaded: 'geekblue' };

export function RamCell({ model }: { model: ModelInfo }) {
  const { t } = useTranslation();
  if (model.error) return <Typography.Text type="secondary">{t('common.none')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={2}>
      <Typography.Text style={{ whiteSpace: 'nowrap' }}>
        {t('models.table.ramOf', { need: formatSize(model.ramNeededBytes), free: formatSize(model.freeRamBytes) })}
      </Typography.Text>
      <Tooltip title={t('models.table.ramHint', { tokens: model.estimateContext })}>
        {model.fitsInRam ? (
          <Tag color="green" data-testid={`model-fits-${model.fileName}`}>
            {t('models.table.fits')}
          </Tag>
        ) : (
          <Tag color="orange" data-testid={`model-nofit-${model.fileName}`}>
            {t('models.table.noFit')}
          </Tag>
        )}
      </Tooltip>
    </Space>
  );
}

function AddByPath() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const add = useAddModel();
  const native = useShell() !== null;
  const [path, setPath] = useState('');
  const [error, setError] = useState<unknown>(null);

  // A path picked in the desktop app's dialog is added at once: the user has already chosen the file.
  const submit = async (picked?: string) => {
    const p = (picked ?? path).trim();
    if (!p) return;
    setError(null);
    try {
      const info = await add.mutateAsync(p);
      setPath('');
      void message.success(t('models.add.added', { name: info.name }));
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div style={{ marginTop: 16 }} data-testid="model-add">
      <Typography.Text strong>{t('models.add.title')}</Typography.Text>
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Input
          value={path}
          onChange={(e) => setPath(e.target.value)}
          onPressEnter={() => void submit()}
          placeholder={t('models.add.placeholder')}
          aria-label={t('models.add.title')}
          data-testid="model-add-path"
        />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => void submit()} loading={add.isPending} disabled={!path.trim()} data-testid="model-add-submit">
          {t('models.add.submit')}
        </Button>
        <BrowseButton purpose="model" onPicked={(p) => void submit(p)} disabled={add.isPending} testId="model-add-browse" />
      </Space.Compact>
      <Typography.Paragraph type="secondary" style={{ margin: '6px 0 0', fontSize: 13 }}>
        {t(native ? 'models.add.noteDesktop' : 'models.add.note')}
      </Typography.Paragraph>
      {error !== null && (
        <div style={{ marginTop: 8 }} data-testid="model-add-error">
          <Alert type="error" showIcon title={t('models.add.failed')} description={modelErrorText(t, error)} />
        </div>
      )}
    </div>
  );
}

/** The GGUF files this machine knows of, with what each needs and whether it can run here. */
export function ModelsTable({
  status,
  onLoad,
  onUnload,
  unloading,
  loadingPath,
}: {
  status: LlmStatus | undefined;
  onLoad: (model: ModelInfo) => void;
  onUnload: () => void;
  unloading: boolean;
  loadingPath: string | null;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const list = useModelList();
  const remove = useRemoveModel();
  const busyLoading = status?.state === 'loading' || loadingPath !== null;

  const columns: TableColumnsType<ModelInfo> = [
    {
      key: 'name',
      title: t('models.table.name'),
      render: (_v, m) => (
        <Space orientation="vertical" size={2} style={{ maxWidth: 340 }}>
          <Space size={6} wrap>
            <Typography.Text strong>{m.name}</Typography.Text>
            {status?.model?.path === m.path && <Tag color="success">{t('models.table.loaded')}</Tag>}
          </Space>
          <Tooltip title={m.path}>
            <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
              {m.fileName}
            </Typography.Text>
          </Tooltip>
          {m.error && (
            <Tooltip title={m.error.message}>
              <Tag color="error" style={{ whiteSpace: 'normal' }} data-testid={`model-error-${m.fileName}`}>
                {modelProblemText(t, m.error.message)}
              </Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { key: 'arch', title: t('models.table.architecture'), render: (_v, m) => m.architecture || t('common.none') },
    { key: 'params', title: t('models.table.parameters'), render: (_v, m) => formatParameters(m.parameters) },
    { key: 'quant', title: t('models.table.quantization'), render: (_v, m) => m.quantization || t('common.none') },
    { key: 'size', title: t('models.table.fileSize'), render: (_v, m) => <span style={{ whiteSpace: 'nowrap' }}>{formatSize(m.fileBytes)}</span> },
    {
      key: 'ctx',
      title: t('models.table.trainContext'),
      render: (_v, m) => (m.trainContext ? m.trainContext.toLocaleString('en-US') : t('common.none')),
    },
    {
      key: 'template',
      title: t('models.table.chatTemplate'),
      render: (_v, m) => (m.error ? t('common.none') : m.hasChatTemplate ? t('common.yes') : t('common.no')),
    },
    { key: 'ram', title: t('models.table.ram'), render: (_v, m) => <RamCell model={m} /> },
    {
      key: 'source',
      title: t('models.table.source'),
      render: (_v, m) => <Tag color={SOURCE_COLOR[m.source]}>{t(`models.source.${m.source}`)}</Tag>,
    },
    {
      key: 'actions',
      title: t('models.table.actions'),
      render: (_v, m) => {
        const loaded = status?.model?.path === m.path;
        return (
          <Space size={4} wrap>
            {loaded && (
              <Button size="small" onClick={onUnload} loading={unloading} data-testid={`model-unload-${m.fileName}`}>
                {t('models.actions.unloadShort')}
              </Button>
            )}
            {!loaded && (
              <Tooltip title={m.error ? t('models.table.cannotLoad') : !m.fitsInRam ? t('models.table.mayNotFit') : ''}>
                <Button
                  size="small"
                  type="primary"
                  disabled={m.error !== null || busyLoading}
                  loading={loadingPath === m.path}
                  onClick={() => onLoad(m)}
                  data-testid={`model-load-${m.fileName}`}
                >
                  {t('models.actions.load')}
                </Button>
              </Tooltip>
            )}
            {m.source === 'added' && !loaded && (
              <Popconfirm
                title={t('models.actions.removeConfirm')}
                description={t('models.actions.removeNote')}
                okText={t('models.actions.remove')}
                cancelText={t('common.cancel')}
                okButtonProps={testId(`model-remove-confirm-${m.fileName}`)}
                onConfirm={async () => {
                  try {
                    await remove.mutateAsync(m.path);
                  } catch (err) {
                    void message.error(errorText(t, err));
                  }
                }}
              >
                <Button size="small" data-testid={`model-remove-${m.fileName}`}>
                  {t('models.actions.remove')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <Card
      title={t('models.table.title')}
      style={{ marginBottom: 16 }}
      extra={
        <Button size="small" icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching} data-testid="models-rescan">
          {t('models.table.rescan')}
        </Button>
      }
      data-testid="models-card"
    >
      {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
      <Table<ModelInfo>
        rowKey="path"
        size="small"
        columns={columns}
        dataSource={list.data?.items ?? []}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t('models.table.empty') }}
        data-testid="models-table"
      />
      {list.data && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 13 }} data-testid="models-folder">
          {t('models.table.folderNote', { dir: list.data.userModelsDir })}
        </Typography.Paragraph>
      )}
      <AddByPath />
    </Card>
  );
}
