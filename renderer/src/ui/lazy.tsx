import { Button, Result, Skeleton, Space } from 'antd';
import {
  Component,
  createElement,
  lazy,
  Suspense,
  useEffect,
  useState,
  type ComponentType,
  type ErrorInfo,
  type LazyExoticComponent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A rejected `import()` of one of our own chunks. Marked at the loader so the boundary can tell
 * "the code did not arrive" (a retry or a reload can fix it) from a bug in a page.
 */
export class ChunkLoadError extends Error {
  /** Makes the next render import again (the boundary calls it on "retry"). */
  readonly reset: () => void;

  constructor(cause: unknown, reset: () => void) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'ChunkLoadError';
    this.reset = reset;
  }
}

/** Every lazy component's preload, so all chunks can be fetched ahead (preloadLazyComponents). */
const preloads: Array<() => Promise<void>> = [];

/**
 * React.lazy with a retry that works: React.lazy remembers a failed import for the life of the page,
 * so the error carries a reset that swaps in a fresh lazy component whose loader imports again. The
 * swap waits for the user's retry; doing it on failure would make React's own re-render after the
 * rejection start a new import at once, looping while the chunk stays unreachable. Once the
 * component has arrived it is rendered directly, so a preloaded page never suspends.
 */
export function lazyComponent<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  const settle = (): Promise<ComponentType<P>> =>
    load().then((component) => {
      loaded = component;
      return component;
    });
  const fresh = (): LazyExoticComponent<ComponentType<P>> =>
    lazy(() =>
      settle().then(
        (component) => ({ default: component }),
        (err: unknown) => {
          throw new ChunkLoadError(err, () => (current = fresh()));
        },
      ),
    );
  let current = fresh();
  preloads.push(() => settle().then(() => undefined));
  function Lazy(props: P) {
    // createElement, not JSX: the type is module state that changes only when a chunk arrives or a
    // failed load is retried, which the static-components lint rule cannot know.
    return createElement(loaded ?? current, props);
  }
  return Lazy;
}

/**
 * Loads every lazy component declared so far, including those declared by the chunks it loads
 * (the case workspace declares its tabs). Tests use it to render as the app does after first visits.
 */
export async function preloadLazyComponents(): Promise<void> {
  let done = 0;
  while (done < preloads.length) {
    const batch = preloads.slice(done);
    done = preloads.length;
    await Promise.all(batch.map((preload) => preload()));
  }
}

/**
 * Loading a chunk from disk or loopback usually takes a few milliseconds; showing the skeleton only
 * after a short pause avoids a flash on every navigation while still answering a slow load.
 */
const FALLBACK_DELAY_MS = 200;

export function LoadingFallback() {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setVisible(true), FALLBACK_DELAY_MS);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div role="status" aria-busy="true" aria-label={t('common.loading')} data-testid="page-loading">
      {visible && <Skeleton active paragraph={{ rows: 6 }} />}
    </div>
  );
}

function LoadFailed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const chunk = error instanceof ChunkLoadError;
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <div data-testid={chunk ? 'chunk-load-failed' : 'page-crashed'}>
      <Result
        status={chunk ? 'warning' : 'error'}
        title={t(chunk ? 'pageLoad.chunkTitle' : 'pageLoad.crashTitle')}
        subTitle={
          <span style={{ display: 'inline-block', maxWidth: 640 }}>
            {t(chunk ? 'pageLoad.chunkBody' : 'pageLoad.crashBody')}
            <br />
            {t('errors.detail', { message: detail })}
          </span>
        }
        extra={
          <Space>
            <Button type="primary" onClick={onRetry} data-testid="page-retry">
              {t('common.retry')}
            </Button>
            {/* A reload fetches a fresh index.html, which helps when the app was updated under an open window. */}
            <Button onClick={() => window.location.reload()} data-testid="page-reload">
              {t('common.reload')}
            </Button>
          </Space>
        }
      />
    </div>
  );
}

interface BoundaryProps {
  /** A change (e.g. the route path) clears a shown error, so leaving a broken page shows the next one. */
  readonly resetKey: string;
  readonly children: ReactNode;
}

interface BoundaryState {
  readonly failed: boolean;
  readonly error: unknown;
  readonly key: string;
  /** Bumped by "retry" to remount the subtree, which makes a forgotten failed import run again. */
  readonly attempt: number;
}

class LoadBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: false, error: undefined, key: this.props.resetKey, attempt: 0 };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { failed: true, error };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    return props.resetKey === state.key ? null : { key: props.resetKey, failed: false, error: undefined };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    // Kept for support: the screen shows the message, not the component stack.
    console.error('CourtDesk: a page failed to load or render', error, info.componentStack);
  }

  private readonly retry = () => {
    if (this.state.error instanceof ChunkLoadError) this.state.error.reset();
    this.setState((s) => ({ failed: false, error: undefined, attempt: s.attempt + 1 }));
  };

  override render(): ReactNode {
    if (this.state.failed) return <LoadFailed error={this.state.error} onRetry={this.retry} />;
    return (
      <Suspense key={this.state.attempt} fallback={<LoadingFallback />}>
        {this.props.children}
      </Suspense>
    );
  }
}

/** Suspense for code-split content, with an antd fallback and a retryable error screen. */
export function LazyBoundary({ resetKey = '', children }: { resetKey?: string; children: ReactNode }) {
  return <LoadBoundary resetKey={resetKey}>{children}</LoadBoundary>;
}
