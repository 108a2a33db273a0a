import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { createI18n } from '../../renderer/src/i18n';
import { LazyBoundary, lazyComponent } from '../../renderer/src/ui/lazy';
import { renderApp } from './render';

function Page({ label }: { label: string }) {
  return <p data-testid="loaded-page">{label}</p>;
}

function mount(children: ReactNode, resetKey = 'a') {
  const i18n = createI18n();
  const view = render(
    <I18nextProvider i18n={i18n}>
      <LazyBoundary resetKey={resetKey}>{children}</LazyBoundary>
    </I18nextProvider>,
  );
  return {
    ...view,
    rerenderWith: (next: ReactNode, key: string) =>
      view.rerender(
        <I18nextProvider i18n={i18n}>
          <LazyBoundary resetKey={key}>{next}</LazyBoundary>
        </I18nextProvider>,
      ),
  };
}

// The boundary logs what it caught for support; keep the test output readable.
function quietConsole() {
  return vi.spyOn(console, 'error').mockImplementation(() => undefined);
}

describe('code-split pages', () => {
  it('shows a loading status until the chunk arrives, then the page', async () => {
    let arrive: (c: typeof Page) => void = () => undefined;
    const Lazy = lazyComponent(() => new Promise<typeof Page>((ok) => (arrive = ok)));
    mount(<Lazy label="已加载" />);
    expect(screen.getByTestId('page-loading').getAttribute('aria-busy')).toBe('true');
    arrive(Page);
    expect((await screen.findByTestId('loaded-page')).textContent).toBe('已加载');
    expect(screen.queryByTestId('page-loading')).toBeNull();
  });

  it('offers a retry when a chunk fails to load, and the retry imports again', async () => {
    const log = quietConsole();
    const load = vi
      .fn<() => Promise<typeof Page>>()
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module: app://bundle/assets/CasesPage-x.js'))
      .mockResolvedValue(Page);
    const Lazy = lazyComponent(load);
    mount(<Lazy label="第二次成功" />);

    const failed = await screen.findByTestId('chunk-load-failed');
    expect(failed.textContent).toContain('页面未能加载');
    expect(failed.textContent).toContain('Failed to fetch dynamically imported module');
    expect(screen.getByTestId('page-reload')).toBeTruthy();

    await userEvent.click(screen.getByTestId('page-retry'));
    expect((await screen.findByTestId('loaded-page')).textContent).toBe('第二次成功');
    expect(load).toHaveBeenCalledTimes(2);
    log.mockRestore();
  });

  it('tells a page that threw while rendering apart from a failed load', async () => {
    const log = quietConsole();
    function Broken(): ReactNode {
      throw new Error('boom');
    }
    mount(<Broken />);
    const crashed = await screen.findByTestId('page-crashed');
    expect(crashed.textContent).toContain('页面出错');
    expect(crashed.textContent).toContain('boom');
    log.mockRestore();
  });

  it('clears the error when the route changes', async () => {
    const log = quietConsole();
    const Lazy = lazyComponent<{ label: string }>(() => Promise.reject(new Error('offline')));
    const view = mount(<Lazy label="x" />, '/cases');
    await screen.findByTestId('chunk-load-failed');
    view.rerenderWith(<Page label="日程" />, '/calendar');
    expect((await screen.findByTestId('loaded-page')).textContent).toBe('日程');
    expect(screen.queryByTestId('chunk-load-failed')).toBeNull();
    log.mockRestore();
  });

  it('loads a lazy screen through the app routes when navigating from the dashboard', async () => {
    renderApp('/');
    await userEvent.click(await screen.findByTestId('nav-settings'));
    expect(await screen.findByTestId('settings-page')).toBeTruthy();
  });
});
