import { Alert, App as AntApp, Button, Card, Descriptions, Progress, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LlmStatus } from '../../../../shared/contract/llm';
import { useApi } from '../../api/context';
import { errorText } from '../../ui/errors';
import { modelProblemText } from './format';
import { percentOf, type OpState } from './hooks';

const STATE_COLOR: Record<LlmStatus['state'], string> = { idle: 'default', loading: 'processing', ready: 'success', busy: 'warning' };

export function StateTag({ state }: { state: LlmStatus['state'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOR[state]} data-testid="llm-state" data-state={state}>
      {t(`models.state.${state}`)}
    </Tag>
  );
}

/** What is loaded, what the runtime is doing, and the progress of a load (with cancel). */
export function StatusCard({
  status,
  requested,
  loadOp,
  loadOpId,
  onUnload,
  unloading,
}: {
  status: LlmStatus;
  /** A load this window asked for and whose ops.done has not come yet. */
  requested: boolean;
  loadOp: OpState | null;
  loadOpId: string | null;
  onUnload: () => void;
  unloading: boolean;
}) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const api = useApi();
  // llm.status says when any load (from any window) runs; ops.* add the percentage and the failure
  // reason. A load requested here counts from the click, so the user sees it start at once.
  const loading = status.state === 'loading' || requested;
  const failed = loadOp?.done && loadOp.done.status === 'error' ? loadOp.done.error : null;
  const cancelled = loadOp?.done?.status === 'cancelled';
  const failedReason = failed ? modelProblemText(t, failed.message) : '';
  // The translated reason, with the backend's own words kept when they add detail.
  const failedText = failed && failedReason !== failed.message ? `${failedReason}（${failed.message}）` : failedReason;

  const cancel = async () => {
    if (!loadOpId) return;
    try {
      await api['ops.cancel']({ opId: loadOpId });
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const saved = status.savedModel && !status.model ? status.savedModel.split(/[\\/]/).pop() : null;

  return (
    <Card
      title={t('models.status.title')}
      extra={<StateTag state={status.state} />}
      style={{ marginBottom: 16 }}
      data-testid="llm-status-card"
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 4 }}
        items={[
          {
            key: 'model',
            label: t('models.status.model'),
            children: status.model ? (
              <Typography.Text strong data-testid="llm-loaded-model">
                {status.model.name}
              </Typography.Text>
            ) : (
              <Typography.Text type="secondary" data-testid="llm-loaded-model">
                {t('models.status.none')}
              </Typography.Text>
            ),
          },
          {
            key: 'context',
            label: t('models.status.context'),
            children: status.model ? t('models.tokens', { count: status.model.contextSize }) : t('common.none'),
          },
          {
            key: 'threads',
            label: t('models.status.threads'),
            children: status.threads > 0 ? String(status.threads) : t('models.status.threadsAuto'),
          },
          {
            key: 'queued',
            label: t('models.status.queued'),
            children: <span data-testid="llm-queued">{status.queued}</span>,
          },
        ]}
      />
      {saved && (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          {t('models.status.savedModel', { name: saved })}
        </Typography.Paragraph>
      )}
      {loading && (
        <div style={{ marginTop: 12 }} data-testid="llm-load-progress">
          <Space style={{ width: '100%' }} orientation="vertical" size={4}>
            <Typography.Text>
              {t('models.status.loading')}
              {loadOp?.progress?.message ? `（${t(`models.loadSteps.${stepKey(loadOp.progress.message)}`)}）` : ''}
            </Typography.Text>
            <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
              <Progress percent={percentOf(loadOp?.progress)} status="active" style={{ flex: 1, margin: 0 }} />
              <Button size="small" onClick={() => void cancel()} disabled={!loadOpId} data-testid="llm-load-cancel">
                {t('common.cancel')}
              </Button>
            </div>
          </Space>
        </div>
      )}
      {failed && !loading && (
        <div style={{ marginTop: 12 }} data-testid="llm-load-error">
          <Alert
            type="error"
            showIcon
            title={t('models.status.loadFailed')}
            description={failedText}
          />
        </div>
      )}
      {cancelled && !loading && (
        <div style={{ marginTop: 12 }}>
          <Alert type="info" showIcon title={t('models.status.loadCancelled')} />
        </div>
      )}
      {status.model && (
        <div style={{ marginTop: 12 }}>
          <Button onClick={onUnload} loading={unloading} data-testid="llm-unload">
            {t('models.actions.unload')}
          </Button>
        </div>
      )}
    </Card>
  );
}

/** The backend's progress messages (service.ts) as translation keys. */
function stepKey(message: string): 'checking' | 'weights' | 'context' | 'ready' | 'other' {
  if (/checking/.test(message)) return 'checking';
  if (/weights/.test(message)) return 'weights';
  if (/context/.test(message)) return 'context';
  if (/ready/.test(message)) return 'ready';
  return 'other';
}
