import { ExperimentOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLoadSamples, useUpdateSettings } from '../../api/hooks';
import { errorText } from '../../ui/errors';

/** The first-run question: asked once, answered by loading or declining, never nagging again. */
export function SamplesCard() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const load = useLoadSamples();
  const updateSettings = useUpdateSettings();
  const busy = load.isPending || updateSettings.isPending;

  const onLoad = async () => {
    try {
      const r = await load.mutateAsync();
      await updateSettings.mutateAsync({ samplesChoice: 'loaded' });
      void message.success(t('dashboard.samples.loaded', { inserted: r.inserted, skipped: r.skipped }));
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };
  const onDecline = async () => {
    try {
      await updateSettings.mutateAsync({ samplesChoice: 'declined' });
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  return (
    <Card
      data-testid="samples-card"
      style={{ marginBottom: 16, borderColor: '#ffd591', background: '#fffbf0' }}
      title={
        <Space>
          <ExperimentOutlined />
          {t('dashboard.samples.title')}
          <Tag color="orange">{t('dashboard.samples.fictional')}</Tag>
        </Space>
      }
    >
      <Typography.Paragraph>{t('dashboard.samples.body')}</Typography.Paragraph>
      <Space>
        <Button type="primary" loading={load.isPending} disabled={busy} onClick={() => void onLoad()} data-testid="samples-load">
          {t('dashboard.samples.load')}
        </Button>
        <Button disabled={busy} onClick={() => void onDecline()} data-testid="samples-decline">
          {t('dashboard.samples.decline')}
        </Button>
      </Space>
    </Card>
  );
}
