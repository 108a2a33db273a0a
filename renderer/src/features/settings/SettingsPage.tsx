import { CloudDownloadOutlined, DatabaseOutlined, ExperimentOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Segmented, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Settings } from '../../../../shared/contract/app';
import { useAppInfo, useBackup, useLoadSamples, useSettings, useUpdateSettings } from '../../api/hooks';
import { useSwitchLanguage } from '../../i18n/LocaleProvider';
import { applyIssuesToForm, ErrorAlert, errorCode, errorText } from '../../ui/errors';
import { PageTitle } from '../../ui/EmptyState';
import { FeeSettingsCard } from '../intake/FeeSettingsCard';
import { formatBytes } from '../../ui/format';
import { useLang } from '../intake/format';

interface ProfileValues {
  userName: string;
  courtName: string;
  courtCode: string;
  extensionReminderDays: number;
}

const ISSUE_FIELDS: Record<string, keyof ProfileValues> = {
  userName: 'userName',
  'court.name': 'courtName',
  'court.code': 'courtCode',
  extensionReminderDays: 'extensionReminderDays',
};

function ProfileForm({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ProfileValues>();
  const update = useUpdateSettings();
  const [error, setError] = useState<unknown>(null);

  const onFinish = async (v: ProfileValues) => {
    setError(null);
    try {
      await update.mutateAsync({
        userName: v.userName.trim(),
        court: { name: v.courtName.trim(), code: v.courtCode.trim() },
        extensionReminderDays: v.extensionReminderDays,
      });
      void message.success(t('settings.saved'));
    } catch (err) {
      if (errorCode(err) === 'BAD_INPUT') {
        const { mapped } = applyIssuesToForm(t, lang, form, err, (path) => {
          const field = ISSUE_FIELDS[path.join('.')];
          return field ? [field] : null;
        });
        if (mapped > 0) return;
      }
      setError(err);
    }
  };

  return (
    <Form<ProfileValues>
      form={form}
      layout="vertical"
      initialValues={{
        userName: settings.userName,
        courtName: settings.court.name,
        courtCode: settings.court.code,
        extensionReminderDays: settings.extensionReminderDays,
      }}
      onFinish={(v) => void onFinish(v)}
      data-testid="settings-form"
    >
      {error !== null && (
        <div style={{ marginBottom: 16 }}>
          <ErrorAlert error={error} />
        </div>
      )}
      <Form.Item
        name="userName"
        label={t('settings.userName')}
        extra={t('settings.userNameHelp')}
        rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
      >
        <Input maxLength={100} data-testid="settings-userName" />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item name="courtName" label={t('settings.courtName')}>
            <Input maxLength={100} placeholder={t('settings.courtNamePlaceholder')} data-testid="settings-courtName" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="courtCode" label={t('settings.courtCode')} extra={t('settings.courtCodeHelp')}>
            <Input maxLength={20} placeholder={t('settings.courtCodePlaceholder')} data-testid="settings-courtCode" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="extensionReminderDays"
        label={t('tasks.reminderDays')}
        extra={t('tasks.reminderDaysHelp')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <InputNumber min={15} max={180} precision={0} suffix={t('tasks.days')} data-testid="settings-extensionReminderDays" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="settings-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}

function LanguageSetting({ value }: { value: Language }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const switchLanguage = useSwitchLanguage();
  return (
    <Segmented<Language>
      value={value}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'English', value: 'en' },
      ]}
      onChange={(lang) => {
        switchLanguage(lang).catch((err: unknown) => void message.error(errorText(t, err)));
      }}
      data-testid="settings-language"
    />
  );
}

function SamplesSetting() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const load = useLoadSamples();
  const update = useUpdateSettings();
  return (
    <Card title={t('settings.samples.title')} size="small" style={{ marginBottom: 16 }}>
      <Typography.Paragraph>{t('settings.samples.body')}</Typography.Paragraph>
      <Button
        icon={<ExperimentOutlined />}
        loading={load.isPending}
        data-testid="settings-samples-load"
        onClick={async () => {
          try {
            const r = await load.mutateAsync();
            await update.mutateAsync({ samplesChoice: 'loaded' });
            void message.success(t('dashboard.samples.loaded', { inserted: r.inserted, skipped: r.skipped }));
          } catch (err) {
            void message.error(errorText(t, err));
          }
        }}
      >
        {t('settings.samples.load')}
      </Button>
    </Card>
  );
}

function BackupSetting() {
  const { t } = useTranslation();
  const backup = useBackup();
  return (
    <Card title={t('settings.backup.title')} size="small" style={{ marginBottom: 16 }}>
      <Typography.Paragraph>{t('settings.backup.body')}</Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button icon={<CloudDownloadOutlined />} loading={backup.isPending} onClick={() => backup.mutate()} data-testid="settings-backup">
          {t('settings.backup.run')}
        </Button>
        {backup.isSuccess && (
          <div data-testid="settings-backup-result">
            <Alert
              type="success"
              showIcon
              title={t('settings.backup.done', { path: backup.data.path, size: formatBytes(backup.data.bytes) })}
            />
          </div>
        )}
        {backup.isError && <ErrorAlert error={backup.error} />}
      </Space>
    </Card>
  );
}

function AppInfoCard() {
  const { t } = useTranslation();
  const info = useAppInfo();
  return (
    <Card
      title={
        <Space>
          <DatabaseOutlined />
          {t('settings.info.title')}
        </Space>
      }
      size="small"
      data-testid="settings-info"
    >
      {info.isPending && <Skeleton active />}
      {info.isError && <ErrorAlert error={info.error} onRetry={() => void info.refetch()} />}
      {info.data && (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'version', label: t('settings.info.version'), children: info.data.version },
            { key: 'mode', label: t('settings.info.mode'), children: t(`settings.info.modes.${info.data.mode}`) },
            { key: 'dataDir', label: t('settings.info.dataDir'), children: <Typography.Text copyable>{info.data.dataDir}</Typography.Text> },
            { key: 'dbPath', label: t('settings.info.dbPath'), children: <Typography.Text copyable>{info.data.dbPath}</Typography.Text> },
            { key: 'schemaVersion', label: t('settings.info.schemaVersion'), children: info.data.schemaVersion },
            { key: 'caseCount', label: t('settings.info.caseCount'), children: info.data.caseCount },
          ]}
        />
      )}
    </Card>
  );
}

export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const settings = useSettings();
  return (
    <div data-testid="settings-page">
      <PageTitle>{t('settings.title')}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={t('settings.general')} size="small" style={{ marginBottom: 16 }}>
            <Form layout="vertical">
              <Form.Item label={t('settings.language')}>
                <LanguageSetting value={i18n.language === 'en' ? 'en' : 'zh-CN'} />
              </Form.Item>
            </Form>
            {settings.isPending && <Skeleton active />}
            {settings.isError && <ErrorAlert error={settings.error} onRetry={() => void settings.refetch()} />}
            {settings.data && <ProfileForm settings={settings.data} />}
          </Card>
          <SamplesSetting />
          <BackupSetting />
        </Col>
        <Col xs={24} xl={10}>
          <AppInfoCard />
          <FeeSettingsCard />
        </Col>
      </Row>
    </div>
  );
}
