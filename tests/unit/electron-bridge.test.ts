/**
 * The desktop transport without Electron: the preload's bridgeCore and the host's hostCore talk over
 * a real MessageChannel from node:worker_threads (the same structured-clone semantics as
 * Electron's MessagePorts), so call routing, queuing, events and restarts are tested for real.
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../shared/contract/result';
import { createHostCore, type HostPort, type HostService } from '../../electron/backend/hostCore';
import { silentLogger } from '../../electron/backend/log';
import { createBridgeCore, type PortLike } from '../../electron/preload/bridgeCore';

const opened: MessagePort[] = [];
afterEach(() => {
  for (const p of opened.splice(0)) p.close();
});

/** Node's port as the DOM-style port the preload gets. */
function rendererSide(port: MessagePort): PortLike {
  opened.push(port);
  const handlers = new Map<(e: { readonly data: unknown }) => void, (data: unknown) => void>();
  return {
    postMessage: (m) => port.postMessage(m),
    addEventListener: (_type, listener) => {
      const h = (data: unknown) => listener({ data });
      handlers.set(listener, h);
      port.on('message', h);
    },
    removeEventListener: (_type, listener) => {
      const h = handlers.get(listener);
      if (h) port.off('message', h);
    },
    start: () => port.start(),
    close: () => port.close(),
  };
}

/** Node's port as the MessagePortMain the host gets. */
function hostSide(port: MessagePort): HostPort {
  opened.push(port);
  return {
    on(event: 'message' | 'close', listener: ((e: { readonly data: unknown }) => void) | (() => void)) {
      if (event === 'message') port.on('message', (data: unknown) => (listener as (e: { data: unknown }) => void)({ data }));
      else port.on('close', listener as () => void);
      return this;
    },
    postMessage: (m) => port.postMessage(m),
    start: () => port.start(),
    close: () => port.close(),
  } as HostPort;
}

type Emit = (name: string, payload: unknown) => void;

/** A fake backend: echoes calls, records them, and lets the test push events. */
function fakeService(reply?: (method: string, input: unknown) => Promise<Result<unknown>>) {
  const calls: Array<{ method: string; input: unknown }> = [];
  let emit: Emit = () => undefined;
  const service: HostService = {
    call: (method, input) => {
      calls.push({ method, input });
      return reply ? reply(method, input) : Promise.resolve({ ok: true, value: { method, input } });
    },
    subscribe: (listener) => {
      emit = listener;
      return () => {
        emit = () => undefined;
      };
    },
  };
  return { service, calls, emit: (name: string, payload: unknown) => emit(name, payload) };
}

function connect(host: ReturnType<typeof createHostCore>, bridge: ReturnType<typeof createBridgeCore>): void {
  const { port1, port2 } = new MessageChannel();
  host.attach(hostSide(port1));
  bridge.attachPort(rendererSide(port2));
}

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('preload bridge ↔ backend host over a MessagePort', () => {
  it('routes a call and its reply by id', async () => {
    const host = createHostCore(silentLogger);
    const { service, calls } = fakeService();
    host.open(service);
    const core = createBridgeCore();
    connect(host, core);
    const [a, b] = await Promise.all([core.bridge.call('cases.get', { id: 'a' }), core.bridge.call('app.info', {})]);
    expect(a).toEqual({ ok: true, value: { method: 'cases.get', input: { id: 'a' } } });
    expect(b).toEqual({ ok: true, value: { method: 'app.info', input: {} } });
    expect(calls.map((c) => c.method)).toEqual(['cases.get', 'app.info']);
  });

  it('refuses unknown methods in the preload, before anything is sent', async () => {
    const host = createHostCore(silentLogger);
    const { service, calls } = fakeService();
    host.open(service);
    const core = createBridgeCore();
    connect(host, core);
    for (const name of ['nope', '__proto__', 'constructor', 'toString', '']) {
      const r = await core.bridge.call(name, {});
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('BAD_INPUT');
    }
    expect(calls).toHaveLength(0);
  });

  it('queues calls made before the port arrives and sends them in order', async () => {
    const host = createHostCore(silentLogger);
    const { service, calls } = fakeService();
    host.open(service);
    const core = createBridgeCore();
    const statuses: unknown[] = [];
    core.bridge.on('backend.status', (s) => statuses.push(s));
    expect(core.status()).toBe('connecting');
    const p1 = core.bridge.call('cases.list', { n: 1 });
    const p2 = core.bridge.call('cases.list', { n: 2 });
    await tick();
    expect(calls).toHaveLength(0);
    connect(host, core);
    await Promise.all([p1, p2]);
    expect(calls.map((c) => c.input)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(statuses).toEqual(['ready']);
  });

  it('forwards declared backend events only; transport status cannot be spoofed by the host', async () => {
    const host = createHostCore(silentLogger);
    const fake = fakeService();
    host.open(fake.service);
    const core = createBridgeCore();
    connect(host, core);
    const changed: unknown[] = [];
    const statuses: unknown[] = [];
    const off = core.bridge.on('cases.changed', (p) => changed.push(p));
    core.bridge.on('backend.status', (s) => statuses.push(s));
    fake.emit('cases.changed', { caseId: 'c1' });
    fake.emit('backend.status', 'reconnecting');
    fake.emit('not.declared', { x: 1 });
    await tick();
    expect(changed).toEqual([{ caseId: 'c1' }]);
    expect(statuses).toEqual([]);
    off();
    fake.emit('cases.changed', { caseId: 'c2' });
    await tick();
    expect(changed).toHaveLength(1);
  });

  it('refuses to subscribe to unknown events and isolates throwing listeners', async () => {
    const host = createHostCore(silentLogger);
    const fake = fakeService();
    host.open(fake.service);
    const onListenerError = vi.fn();
    const core = createBridgeCore({ onListenerError });
    connect(host, core);
    expect(() => core.bridge.on('ipc.anything', () => undefined)).toThrow(/Unknown event/);
    const got: unknown[] = [];
    core.bridge.on('ops.progress', () => {
      throw new Error('listener bug');
    });
    core.bridge.on('ops.progress', (p) => got.push(p));
    fake.emit('ops.progress', { opId: 'o', kind: 'k', done: 1, total: 2, message: '' });
    await tick();
    expect(got).toHaveLength(1);
    expect(onListenerError).toHaveBeenCalledOnce();
  });

  it('fails calls in flight with UNAVAILABLE when the backend is lost, then works on a new port', async () => {
    const stuck = createHostCore(silentLogger);
    stuck.open(fakeService(() => new Promise<Result<unknown>>(() => undefined)).service); // never answers
    const core = createBridgeCore();
    const statuses: unknown[] = [];
    core.bridge.on('backend.status', (s) => statuses.push(s));
    connect(stuck, core);
    const inFlight = core.bridge.call('cases.list', {});
    await tick();
    core.backendLost();
    const lost = await inFlight;
    expect(lost.ok).toBe(false);
    if (!lost.ok) expect(lost.error.code).toBe('UNAVAILABLE');
    // Calls made while reconnecting wait for the new port instead of failing.
    const waiting = core.bridge.call('app.info', {});
    const fresh = createHostCore(silentLogger);
    fresh.open(fakeService().service);
    connect(fresh, core);
    expect((await waiting).ok).toBe(true);
    expect(statuses).toEqual(['ready', 'reconnecting', 'ready']);
  });

  it('fails calls in flight on a port that is replaced', async () => {
    const stuck = createHostCore(silentLogger);
    stuck.open(fakeService(() => new Promise<Result<unknown>>(() => undefined)).service);
    const core = createBridgeCore();
    connect(stuck, core);
    const inFlight = core.bridge.call('cases.list', {});
    await tick();
    const fresh = createHostCore(silentLogger);
    fresh.open(fakeService().service);
    connect(fresh, core);
    const r = await inFlight;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('UNAVAILABLE');
    expect((await core.bridge.call('app.info', {})).ok).toBe(true);
  });

  it('answers a non-serializable input with BAD_INPUT instead of throwing', async () => {
    const host = createHostCore(silentLogger);
    host.open(fakeService().service);
    const core = createBridgeCore();
    connect(host, core);
    const r = await core.bridge.call('cases.create', { f: () => 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BAD_INPUT');
  });
});

describe('backend host ports', () => {
  it('holds calls until the backend is open', async () => {
    const host = createHostCore(silentLogger);
    const core = createBridgeCore();
    connect(host, core);
    const pending = core.bridge.call('app.info', {});
    await tick();
    const fake = fakeService();
    expect(fake.calls).toHaveLength(0);
    host.open(fake.service);
    expect((await pending).ok).toBe(true);
    expect(host.size).toBe(1);
  });

  it('answers every call with the start error when the backend cannot open', async () => {
    const host = createHostCore(silentLogger);
    const core = createBridgeCore();
    connect(host, core);
    const pending = core.bridge.call('app.info', {});
    host.fail({ code: 'DB_TOO_NEW', message: 'Database version 9 is newer than this app (3)' });
    const r = await pending;
    expect(r).toEqual({ ok: false, error: { code: 'DB_TOO_NEW', message: 'Database version 9 is newer than this app (3)' } });
  });

  it('ignores malformed requests and answers unclonable results with INTERNAL', async () => {
    const host = createHostCore(silentLogger);
    const fake = fakeService(async () => ({ ok: true, value: { fn: () => 1 } }));
    host.open(fake.service);
    const { port1, port2 } = new MessageChannel();
    opened.push(port2);
    host.attach(hostSide(port1));
    const replies: unknown[] = [];
    port2.on('message', (m: unknown) => replies.push(m));
    port2.postMessage({ method: 'app.info' }); // no id
    port2.postMessage('garbage');
    port2.postMessage({ id: 7, method: 'app.info', input: {} });
    await tick();
    expect(fake.calls).toHaveLength(1);
    expect(replies).toEqual([{ id: 7, result: { ok: false, error: { code: 'INTERNAL', message: 'Unexpected error (reply not serializable)' } } }]);
  });

  it('drops a port when its other end closes, and closes all ports on shutdown', async () => {
    const host = createHostCore(silentLogger);
    host.open(fakeService().service);
    const a = new MessageChannel();
    const b = new MessageChannel();
    host.attach(hostSide(a.port1));
    host.attach(hostSide(b.port1));
    expect(host.size).toBe(2);
    a.port2.close();
    await tick();
    expect(host.size).toBe(1);
    const closed = new Promise<void>((r) => b.port2.once('close', () => r()));
    host.closeAll();
    await closed;
    expect(host.size).toBe(0);
  });
});
