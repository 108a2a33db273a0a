import {
  BankOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FolderOpenOutlined,
  RobotOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { Alert, App as AntApp, Badge, Layout, Menu, Segmented, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation } from 'react-router';
import type { Language } from '../../../shared/contract/app';
import { useBackendStatus } from '../api/context';
import { useCaseChangeSync, useSettings } from '../api/hooks';
import { useSwitchLanguage } from '../i18n/LocaleProvider';
import { errorText } from './errors';
import { LazyBoundary } from './lazy';

const NAV = [
  { key: 'dashboard', path: '/', icon: <DashboardOutlined /> },
  { key: 'cases', path: '/cases', icon: <FolderOpenOutlined /> },
  { key: 'calendar', path: '/calendar', icon: <CalendarOutlined /> },
  { key: 'precedents', path: '/precedents', icon: <BankOutlined /> },
  { key: 'models', path: '/models', icon: <RobotOutlined /> },
  { key: 'settings', path: '/settings', icon: <SettingOutlined /> },
] as const;

function selectedNav(pathname: string): string {
  const first = pathname.split('/')[1] ?? '';
  return NAV.find((n) => n.path === `/${first}`)?.key ?? 'dashboard';
}

function ConnectionStatus() {
  const { t } = useTranslation();
  const status = useBackendStatus();
  const color = status === 'ready' ? 'success' : status === 'connecting' ? 'processing' : 'warning';
  return (
    <span data-testid="backend-status" data-status={status}>
      <Badge status={color} text={<span style={{ color: 'rgba(255,255,255,0.85)' }}>{t(`header.status.${status}`)}</span>} />
    </span>
  );
}

function ReconnectingBanner() {
  const { t } = useTranslation();
  const status = useBackendStatus();
  if (status !== 'reconnecting') return null;
  return (
    <div data-testid="reconnecting-banner" style={{ marginBottom: 16 }}>
      <Alert type="warning" showIcon title={t('header.reconnecting')} />
    </div>
  );
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { message } = AntApp.useApp();
  const switchLanguage = useSwitchLanguage();
  const value: Language = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (
    <Tooltip title={t('header.language')}>
      <span>
        <Segmented<Language>
          data-testid="lang-switch"
          size="small"
          value={value}
          options={[
            { label: '中文', value: 'zh-CN' },
            { label: 'English', value: 'en' },
          ]}
          onChange={(lang) => {
            switchLanguage(lang).catch((err: unknown) => void message.error(errorText(t, err)));
          }}
        />
      </span>
    </Tooltip>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const settings = useSettings();
  const [collapsed, setCollapsed] = useState(false);
  useCaseChangeSync();

  const courtName = settings.data?.court.name ?? '';
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={224}
        theme="light"
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <div
          style={{
            height: 56,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            fontWeight: 700,
            fontSize: collapsed ? 16 : 18,
            color: '#a61d24',
            letterSpacing: 1,
          }}
        >
          {collapsed ? t('app.name').slice(0, 2) : t('app.name')}
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selectedNav(location.pathname)]}
          items={NAV.map((n) => ({
            key: n.key,
            icon: n.icon,
            label: (
              <Link to={n.path} data-testid={`nav-${n.key}`}>
                {t(`nav.${n.key}`)}
              </Link>
            ),
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            gap: 16,
            padding: '0 24px',
            background: '#7f1d1d',
          }}
        >
          <div style={{ display: 'flex', alignItems: 'baseline', gap: 12, minWidth: 0 }}>
            <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }} data-testid="app-name">
              {t('app.name')}
            </Typography.Text>
            <Typography.Text
              style={{ color: 'rgba(255,255,255,0.8)', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
              data-testid="court-name"
            >
              {courtName || t('header.courtUnset')}
            </Typography.Text>
          </div>
          <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
            <ConnectionStatus />
            <LanguageSwitch />
          </div>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <ReconnectingBanner />
          <LazyBoundary resetKey={location.pathname}>
            <Outlet />
          </LazyBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
