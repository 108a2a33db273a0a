import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProviders, createQueryClient, routes } from '../../renderer/src/App';
import { createI18n } from '../../renderer/src/i18n';
import type { ShellApi } from '../../shared/contract/shell';
import { FakeBackend } from './fakeApi';

/**
 * Mounts the whole app (layout, routes, providers) on a memory router at `path`, against a fake backend.
 * `shell` stands for the desktop shell's native dialogs; omitted = browser mode.
 */
export function renderApp(path = '/', backend = new FakeBackend(), shell: ShellApi | null = null) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = createQueryClient({ retry: false });
  const i18n = createI18n(backend.settings.language);
  const result = render(
    <AppProviders client={{ api: backend.api, events: backend.events, shell }} queryClient={queryClient} i18n={i18n}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
  return { ...result, backend, router, queryClient, i18n };
}
