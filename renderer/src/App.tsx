import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Button, Result } from 'antd';
import type { i18n as I18n } from 'i18next';
import { useState, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { useNavigate, type RouteObject } from 'react-router';
import { AppError } from '../../shared/contract/result';
import type { Client } from './api/client';
import { ApiProvider } from './api/context';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { createI18n } from './i18n';
import { LocaleProvider } from './i18n/LocaleProvider';
import { AppLayout } from './ui/AppLayout';
import { lazyComponent } from './ui/lazy';

/*
 * Every screen but the dashboard (the first screen) is its own chunk, fetched on first visit;
 * AppLayout wraps the outlet in the Suspense/retry boundary.
 */
const CasesPage = lazyComponent(() => import('./features/cases/CasesPage').then((m) => m.CasesPage));
const NewCasePage = lazyComponent(() => import('./features/cases/CaseFormPage').then((m) => m.NewCasePage));
const EditCasePage = lazyComponent(() => import('./features/cases/CaseFormPage').then((m) => m.EditCasePage));
const CaseWorkspacePage = lazyComponent(() => import('./features/cases/CaseWorkspacePage').then((m) => m.CaseWorkspacePage));
const NewFilingPage = lazyComponent(() => import('./features/intake/NewFilingPage').then((m) => m.NewFilingPage));
const ToolsPage = lazyComponent(() => import('./features/intake/ToolsPage').then((m) => m.ToolsPage));
const CalendarPage = lazyComponent(() => import('./features/calendar/CalendarPage').then((m) => m.CalendarPage));
const PrecedentsPage = lazyComponent(() => import('./features/precedents/PrecedentsPage').then((m) => m.PrecedentsPage));
const ModelsPage = lazyComponent(() => import('./features/models/ModelsPage').then((m) => m.ModelsPage));
const SettingsPage = lazyComponent(() => import('./features/settings/SettingsPage').then((m) => m.SettingsPage));

/** Errors that a retry cannot fix: retrying only delays the message the user needs to see. */
const FINAL_CODES = new Set(['BAD_INPUT', 'NOT_FOUND', 'FORBIDDEN', 'CONFLICT', 'DB_TOO_NEW', 'UNSUPPORTED', 'TOO_LARGE']);

export function createQueryClient(options: { retry?: boolean } = {}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: options.retry === false ? false : (count, err) => !(err instanceof AppError && FINAL_CODES.has(err.code)) && count < 3,
        // Freshness comes from `cases.changed` pushes, not from window focus.
        refetchOnWindowFocus: false,
        staleTime: 5_000,
      },
      mutations: { retry: false },
    },
  });
}

function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('notFound.title')}
      extra={
        <Button type="primary" onClick={() => void navigate('/')}>
          {t('notFound.back')}
        </Button>
      }
    />
  );
}

export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <DashboardPage /> },
      { path: 'cases', element: <CasesPage /> },
      { path: 'cases/new', element: <NewCasePage /> },
      { path: 'cases/:id', element: <CaseWorkspacePage /> },
      { path: 'cases/:id/edit', element: <EditCasePage /> },
      { path: 'intake/new', element: <NewFilingPage /> },
      { path: 'intake/tools', element: <ToolsPage /> },
      { path: 'calendar', element: <CalendarPage /> },
      { path: 'precedents', element: <PrecedentsPage /> },
      { path: 'models', element: <ModelsPage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

export interface AppProvidersProps {
  readonly client: Client;
  readonly queryClient?: QueryClient;
  readonly i18n?: I18n;
  readonly children: ReactNode;
}

/** Everything a page needs around it; tests wrap a memory router in the same providers. */
export function AppProviders({ client, queryClient, i18n, children }: AppProvidersProps) {
  const [qc] = useState(() => queryClient ?? createQueryClient());
  const [i18nInstance] = useState(() => i18n ?? createI18n());
  return (
    <QueryClientProvider client={qc}>
      <ApiProvider api={client.api} events={client.events} shell={client.shell}>
        <I18nextProvider i18n={i18nInstance}>
          <LocaleProvider>{children}</LocaleProvider>
        </I18nextProvider>
      </ApiProvider>
    </QueryClientProvider>
  );
}
