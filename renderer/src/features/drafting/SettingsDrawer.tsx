import { App as AntApp, Button, Drawer, Form, Input, InputNumber, Select, Space, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DRAFTING_DEFAULTS, type DraftingSettings } from '../../../../shared/contract/drafting';
import { ErrorAlert, errorText } from '../../ui/errors';
import { useDraftingSettings, useUpdateDraftingSettings } from './hooks';

const MARGINS = ['top', 'bottom', 'left', 'right'] as const;

export function SettingsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const settings = useDraftingSettings();
  const update = useUpdateDraftingSettings();
  const [form] = Form.useForm<DraftingSettings>();

  useEffect(() => {
    if (open && settings.data) form.setFieldsValue(settings.data);
  }, [open, settings.data, form]);

  const save = async (values: DraftingSettings) => {
    try {
      await update.mutateAsync(values);
      void message.success(t('drafting.settings.saved'));
      onClose();
    } catch (err) {
      void message.error(errorText(t, err));
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={420}
      title={t('drafting.settings.title')}
      forceRender
      footer={
        <Space style={{ display: 'flex', justifyContent: 'space-between' }}>
          <Button onClick={() => form.setFieldsValue(DRAFTING_DEFAULTS)} data-testid="drafting-settings-defaults">
            {t('drafting.settings.defaults')}
          </Button>
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={update.isPending} onClick={() => form.submit()} data-testid="drafting-settings-save">
              {t('common.save')}
            </Button>
          </Space>
        </Space>
      }
    >
      {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
      {settings.isPending && <Spin />}
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="drafting-settings" requiredMark={false}>
        <Typography.Text strong>{t('drafting.settings.margins')}</Typography.Text>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 12, marginTop: 8 }}>
          {MARGINS.map((k) => (
            <Form.Item key={k} name={['marginsMm', k]} label={t(`drafting.settings.${k}`)} rules={[{ required: true }]}>
              <InputNumber min={5} max={80} step={1} style={{ width: '100%' }} data-testid={`drafting-settings-margin-${k}`} />
            </Form.Item>
          ))}
        </div>
        <Form.Item name="lineSpacingPt" label={t('drafting.settings.lineSpacing')} extra={t('drafting.settings.lineSpacingHelp')} rules={[{ required: true }]}>
          <InputNumber min={12} max={60} step={0.1} style={{ width: '100%' }} data-testid="drafting-settings-line" />
        </Form.Item>
        <Form.Item name="titleFonts" label={t('drafting.settings.titleFonts')} rules={[{ required: true, type: 'array', min: 1, max: 5 }]}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，']} />
        </Form.Item>
        <Form.Item name="bodyFonts" label={t('drafting.settings.bodyFonts')} extra={t('drafting.settings.fontsHelp')} rules={[{ required: true, type: 'array', min: 1, max: 5 }]}>
          <Select mode="tags" open={false} tokenSeparators={[',', '，']} />
        </Form.Item>
        <Form.Item name="appealCourt" label={t('drafting.settings.appealCourt')} extra={t('drafting.settings.appealCourtHelp')}>
          <Input maxLength={100} data-testid="drafting-settings-appeal" />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('drafting.settings.contactPhone')}>
          <Input maxLength={40} data-testid="drafting-settings-phone" />
        </Form.Item>
        <Form.Item name="courtAddress" label={t('drafting.settings.courtAddress')} extra={t('drafting.settings.affectsNew')}>
          <Input maxLength={200} data-testid="drafting-settings-address" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
