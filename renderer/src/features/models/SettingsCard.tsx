import { AutoComplete, Alert, App as AntApp, Button, Form, Input, InputNumber, Radio, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LlmSettings } from '../../../../shared/contract/llm';
import { BrowseButton } from '../../ui/BrowseButton';
import { applyIssuesToForm, ErrorAlert, errorCode } from '../../ui/errors';
import { useLlmSettings, useModelList, useUpdateLlmSettings } from './hooks';
import { useLang } from '../intake/format';

/** Hosts with the Hugging Face layout; hf-mirror.com is the usual choice inside mainland China. */
export const MIRRORS = ['https://huggingface.co', 'https://hf-mirror.com'];

interface Values {
  threadMode: 'auto' | 'fixed';
  threads: number | null;
  contextSize: number;
  userModelsDir: string;
  mirrorBaseUrl: string;
}

function SettingsForm({ settings, defaultDir }: { settings: LlmSettings; defaultDir: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateLlmSettings();
  const [error, setError] = useState<unknown>(null);
  const threadMode = Form.useWatch('threadMode', form);

  const onFinish = async (v: Values) => {
    setError(null);
    try {
      await update.mutateAsync({
        threads: v.threadMode === 'auto' ? null : (v.threads ?? 1),
        contextSize: v.contextSize,
        userModelsDir: v.userModelsDir.trim() === '' ? null : v.userModelsDir.trim(),
        mirrorBaseUrl: v.mirrorBaseUrl.trim().replace(/\/+$/, ''),
      });
      void message.success(t('models.settings.saved'));
    } catch (err) {
      if (errorCode(err) === 'BAD_INPUT') {
        const { mapped } = applyIssuesToForm(t, lang, form, err, (path) => {
          const key = String(path[0]);
          return ['threads', 'contextSize', 'userModelsDir', 'mirrorBaseUrl'].includes(key) ? [key] : null;
        });
        if (mapped > 0) return;
      }
      setError(err);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      style={{ maxWidth: 720 }}
      initialValues={{
        threadMode: settings.threads === null ? 'auto' : 'fixed',
        threads: settings.threads ?? 1,
        contextSize: settings.contextSize,
        userModelsDir: settings.userModelsDir ?? '',
        mirrorBaseUrl: settings.mirrorBaseUrl,
      }}
      onFinish={(v) => void onFinish(v)}
      data-testid="llm-settings-form"
    >
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} />
        </div>
      )}
      <Form.Item label={t('models.settings.threads')} extra={t('models.settings.threadsNote')}>
        <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
          <Form.Item name="threadMode" noStyle>
            <Radio.Group
              options={[
                { value: 'auto', label: t('models.settings.threadsAuto') },
                { value: 'fixed', label: t('models.settings.threadsFixed') },
              ]}
              data-testid="llm-threads-mode"
            />
          </Form.Item>
          <Form.Item name="threads" noStyle>
            <InputNumber min={1} max={64} precision={0} disabled={threadMode !== 'fixed'} data-testid="llm-threads" />
          </Form.Item>
        </div>
      </Form.Item>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('models.settings.threadsMeasured')} />
      <Form.Item
        name="contextSize"
        label={t('models.settings.contextSize')}
        extra={t('models.settings.contextNote')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <InputNumber min={128} max={131072} step={1024} precision={0} style={{ width: 200 }} data-testid="llm-context" />
      </Form.Item>
      <Form.Item label={t('models.settings.userModelsDir')} extra={t('models.settings.userModelsDirNote', { dir: defaultDir })}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item name="userModelsDir" noStyle>
            <Input placeholder={defaultDir} data-testid="llm-models-dir" />
          </Form.Item>
          <BrowseButton purpose="modelsFolder" onPicked={(p) => form.setFieldValue('userModelsDir', p)} testId="llm-models-dir-browse" />
        </Space.Compact>
      </Form.Item>
      <Form.Item
        name="mirrorBaseUrl"
        label={t('models.settings.mirror')}
        extra={t('models.settings.mirrorNote')}
        rules={[
          { required: true, message: t('validation.required') },
          { pattern: /^https?:\/\/\S+$/, message: t('models.settings.mirrorInvalid') },
        ]}
      >
        <AutoComplete options={MIRRORS.map((value) => ({ value }))} style={{ width: '100%' }} data-testid="llm-mirror" />
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('models.settings.applyNote')}
      </Typography.Paragraph>
      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="llm-settings-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}

export function SettingsCard() {
  const settings = useLlmSettings();
  const list = useModelList();
  if (settings.isPending) return <Skeleton active />;
  if (settings.isError) return <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />;
  // The default folder is what the backend reports while no custom folder is set.
  const defaultDir = settings.data.userModelsDir === null ? (list.data?.userModelsDir ?? '') : '';
  return <SettingsForm settings={settings.data} defaultDir={defaultDir} />;
}
