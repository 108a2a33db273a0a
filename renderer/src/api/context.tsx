import { createContext, useCallback, useContext, useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { BackendStatus } from '../../../shared/contract/bridge';
import type { Api } from '../../../shared/contract/methods';
import type { ShellApi } from '../../../shared/contract/shell';
import { silentEvents, type ApiEvents, type ClientEventName, type ClientEventPayload } from './client';

interface ApiContextValue {
  readonly api: Api;
  readonly events: ApiEvents;
  readonly shell: ShellApi | null;
}

const ApiContext = createContext<ApiContextValue | null>(null);

export function ApiProvider({
  api,
  events,
  shell,
  children,
}: {
  api: Api;
  events?: ApiEvents;
  /** The desktop shell's native dialogs; omitted/null in browser mode. */
  shell?: ShellApi | null;
  children: ReactNode;
}) {
  const value = { api, events: events ?? silentEvents, shell: shell ?? null };
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}

function useApiContext(): ApiContextValue {
  const ctx = useContext(ApiContext);
  if (!ctx) throw new Error('useApi() used outside <ApiProvider>');
  return ctx;
}

export function useApi(): Api {
  return useApiContext().api;
}

/** Native open/save dialogs when running in the desktop app, null in browser mode. */
export function useShell(): ShellApi | null {
  return useApiContext().shell;
}

/** Subscribes for the component's lifetime; the latest listener is used without resubscribing. */
export function useApiEvent<E extends ClientEventName>(event: E, listener: (payload: ClientEventPayload<E>) => void) {
  const { events } = useApiContext();
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => events.on(event, (payload) => ref.current(payload)), [events, event]);
}

export function useBackendStatus(): BackendStatus {
  const { events } = useApiContext();
  // An external store: the transport owns the state, React only reads it and re-renders on change.
  const subscribe = useCallback((onChange: () => void) => events.on('backend.status', () => onChange()), [events]);
  return useSyncExternalStore(subscribe, () => events.status());
}
