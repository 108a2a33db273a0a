import { SendOutlined, StopOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Descriptions, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LlmStatus } from '../../../../shared/contract/llm';
import { useApi } from '../../api/context';
import { errorText } from '../../ui/errors';
import { formatNumber, modelProblemText } from './format';
import { useProvenance, useStream } from './hooks';

const REASON_COLOR = { stop: 'green', maxTokens: 'gold', cancelled: 'default', error: 'red' } as const;

/** Free text in, streamed text out: to see that the loaded model runs and how fast. */
export function TryItCard({ status }: { status: LlmStatus | undefined }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const api = useApi();
  const [prompt, setPrompt] = useState('');
  const [maxTokens, setMaxTokens] = useState<number | null>(64);
  const { state, start } = useStream();
  const provenance = useProvenance(state.done?.provenanceId ?? null);
  const canRun = !!(status?.model || status?.savedModel);

  const run = async () => {
    const text = prompt.trim();
    if (!text) return;
    try {
      await start(async () => (await api['llm.generate']({ prompt: text, maxTokens: maxTokens ?? 64 })).requestId);
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };
  const cancel = async () => {
    if (!state.requestId) return;
    try {
      await api['llm.cancel']({ requestId: state.requestId });
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  const done = state.done;
  const p = provenance.data;
  return (
    <div data-testid="try-it">
      <Input.TextArea
        value={prompt}
        onChange={(e) => setPrompt(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 6 }}
        maxLength={20_000}
        placeholder={t('models.try.placeholder')}
        aria-label={t('models.try.prompt')}
        data-testid="try-prompt"
      />
      <Space wrap style={{ marginTop: 8 }} align="center">
        <span>{t('models.try.maxTokens')}</span>
        <InputNumber min={1} max={4096} precision={0} value={maxTokens} onChange={(v) => setMaxTokens(v)} style={{ width: 100 }} data-testid="try-max-tokens" />
        <Button type="primary" icon={<SendOutlined />} onClick={() => void run()} disabled={!canRun || !prompt.trim() || state.running} data-testid="try-run">
          {t('models.try.run')}
        </Button>
        {state.running && (
          <Button icon={<StopOutlined />} onClick={() => void cancel()} disabled={!state.requestId} data-testid="try-cancel">
            {t('models.try.stop')}
          </Button>
        )}
        {!canRun && <Typography.Text type="secondary">{t('models.try.needModel')}</Typography.Text>}
        {state.running && !state.started && (
          <Tag color="processing" data-testid="try-waiting">
            {status && status.queued > 0 ? t('models.try.queued') : t('models.try.thinking')}
          </Tag>
        )}
      </Space>
      {(state.text || done) && (
        <pre
          data-testid="try-output"
          style={{
            marginTop: 12,
            padding: 12,
            background: '#fafafa',
            border: '1px solid #f0f0f0',
            borderRadius: 6,
            whiteSpace: 'pre-wrap',
            wordBreak: 'break-word',
            fontFamily: 'inherit',
            minHeight: 48,
            maxHeight: 320,
            overflow: 'auto',
          }}
        >
          {state.text}
          {state.running && <span>▍</span>}
        </pre>
      )}
      {done && (
        <div data-testid="try-done">
          <Space wrap size={8} style={{ marginBottom: 8 }}>
            <Tag color={REASON_COLOR[done.reason]} data-testid="try-reason">
              {t(`models.try.reasons.${done.reason}`)}
            </Tag>
            {done.error && <Typography.Text type="danger">{modelProblemText(t, done.error.message)}</Typography.Text>}
          </Space>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              ...(p
                ? [
                    { key: 'model', label: t('models.try.producedBy'), children: <span data-testid="try-provenance">{p.modelName}</span> },
                    {
                      key: 'prompt',
                      label: t('models.try.promptVersion'),
                      children: p.promptId ? `${p.promptId}@${p.promptVersion ?? '?'}` : t('models.try.freePrompt'),
                    },
                    { key: 'record', label: t('models.try.record'), children: <Typography.Text code>{p.id.slice(0, 8)}</Typography.Text> },
                  ]
                : []),
              ...(done.timings
                ? [
                    {
                      key: 'ttft',
                      label: t('models.bench.ttft'),
                      children: done.timings.ttftMs === null ? t('common.none') : t('models.bench.ms', { value: formatNumber(done.timings.ttftMs, 0) }),
                    },
                    { key: 'tps', label: t('models.bench.tokensPerSecond'), children: formatNumber(done.timings.tokensPerSecond, 1) },
                    {
                      key: 'tokens',
                      label: t('models.try.tokens'),
                      children: t('models.try.tokensInOut', { prompt: done.timings.promptTokens, output: done.timings.outputTokens }),
                    },
                  ]
                : []),
            ]}
          />
        </div>
      )}
    </div>
  );
}
