export { createClient, createDefaultClient, silentEvents, unwrap } from './client';
export type { ApiEvents, Client, ClientEventName, ClientEventPayload } from './client';
export { ApiProvider, useApi, useApiEvent, useBackendStatus, useShell } from './context';
export * from './hooks';
