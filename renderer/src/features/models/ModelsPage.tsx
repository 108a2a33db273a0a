import { App as AntApp, Card, Skeleton, Tabs } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ModelInfo } from '../../../../shared/contract/llm';
import { useApi } from '../../api/context';
import { ErrorAlert, errorText } from '../../ui/errors';
import { PageTitle } from '../../ui/EmptyState';
import { BenchCard } from './BenchCard';
import { CatalogCard } from './CatalogCard';
import { modelErrorText } from './format';
import { llmKeys, useLlmStatus, useOps } from './hooks';
import { ModelsTable } from './ModelsTable';
import { SettingsCard } from './SettingsCard';
import { StatusCard } from './StatusCard';
import { TryItCard } from './TryItCard';

const TABS = ['try', 'bench', 'catalog', 'settings'] as const;
type TabKey = (typeof TABS)[number];

export function ModelsPage() {
  const { t } = useTranslation();
  const { message, modal } = AntApp.useApp();
  const api = useApi();
  const qc = useQueryClient();
  const status = useLlmStatus();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : 'try';
  const [loadOpId, setLoadOpId] = useState<string | null>(null);
  const [loadingPath, setLoadingPath] = useState<string | null>(null);
  const [unloading, setUnloading] = useState(false);
  const ops = useOps(['llm.load'], () => {
    setLoadingPath(null);
    void qc.invalidateQueries({ queryKey: llmKeys.status });
  });
  // A load started elsewhere (another window, the bench, a lazy load) is followed too.
  const followedOpId = status.data?.loadOpId ?? loadOpId;
  const loadOp = ops(followedOpId);
  // Our own load shows its progress from the click until its ops.done, even when a small model loads
  // before the backend's loading → ready status events reach a render (they can arrive in one batch).
  // An ops.done missed across a reconnect must not leave the bar up: once the op has been seen
  // running, the backend's status saying no load runs settles it.
  const settled = loadOp?.progress != null && status.data !== undefined && status.data.state !== 'loading' && status.data.loadOpId === null;
  const requested = loadingPath !== null && !loadOp?.done && !settled;

  const load = async (m: ModelInfo) => {
    const go = async () => {
      setLoadingPath(m.path);
      try {
        const { opId } = await api['llm.load']({ path: m.path });
        setLoadOpId(opId);
      } catch (err) {
        setLoadingPath(null);
        void message.error(modelErrorText(t, err));
      }
    };
    if (!m.fitsInRam) {
      modal.confirm({
        title: t('models.actions.loadAnywayTitle'),
        content: t('models.actions.loadAnywayBody', { name: m.name }),
        okText: t('models.actions.load'),
        cancelText: t('common.cancel'),
        onOk: go,
      });
      return;
    }
    await go();
  };

  const unload = async () => {
    setUnloading(true);
    try {
      const next = await api['llm.unload']({});
      qc.setQueryData(llmKeys.status, next);
    } catch (err) {
      void message.error(errorText(t, err));
    } finally {
      setUnloading(false);
    }
  };

  return (
    <div data-testid="models-page">
      <PageTitle>{t('models.title')}</PageTitle>
      {status.isPending && <Skeleton active />}
      {status.isError && <ErrorAlert error={status.error} onRetry={() => void status.refetch()} />}
      {status.data && (
        <StatusCard status={status.data} requested={requested} loadOp={loadOp} loadOpId={followedOpId} onUnload={() => void unload()} unloading={unloading} />
      )}
      <ModelsTable
        status={status.data}
        onLoad={(m) => void load(m)}
        onUnload={() => void unload()}
        unloading={unloading}
        loadingPath={status.data?.state === 'loading' ? loadingPath : null} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'try' ? {} : { tab: key }, { replace: true })}
          items={TABS.map((key) => ({
            key,
            label: <span data-testid={`models-tab-${key}`}>{t(`models.tabs.${key}`)}</span>,
            children:
              key === 'try' ? (
                <TryItCard status={status.data} />
              ) : key === 'bench' ? (
                <BenchCard status={status.data} />
              ) : key === 'catalog' ? (
                <CatalogCard />
              ) : (
                <SettingsCard />
              ),
          }))}
        />
      </Card>
    </div>
  );
}
