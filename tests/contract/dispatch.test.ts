import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../electron/backend/dispatch';
import { silentLogger } from '../../electron/backend/log';
import { methods, type Handlers } from '../../shared/contract/methods';
import { METHOD_NAMES } from '../../shared/contract/names';

/** A handler table that records calls: proves no handler runs on refused input. */
function recording(): { handlers: Handlers; calls: string[] } {
  const calls: string[] = [];
  const handlers = Object.fromEntries(
    METHOD_NAMES.map((m) => [
      m,
      () => {
        calls.push(m);
        throw new Error('must not run');
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, calls };
}

describe('dispatch validates every call at the boundary', () => {
  let rec: ReturnType<typeof recording>;
  beforeEach(() => {
    rec = recording();
  });
  afterEach(() => {
    expect(rec.calls).toEqual([]);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'cases', 'cases.list.x', ''])(
    'refuses the method name %j',
    async (name) => {
      const r = await dispatch(rec.handlers, name, {}, silentLogger);
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      if (!r.ok) expect(r.error.message).toContain('Unknown method');
    },
  );

  it('names the wrong field and its problem', async () => {
    const r = await dispatch(rec.handlers, 'cases.create', { parties: [{ role: 'plaintiff', name: 42 }] }, silentLogger);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('BAD_INPUT');
    expect(r.error.details?.issues?.[0]?.path).toBe('parties.0.name');
    expect(r.error.message).toContain('parties.0.name');
  });

  it('refuses missing required fields', async () => {
    const r = await dispatch(rec.handlers, 'cases.get', {}, silentLogger);
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', details: { issues: [{ path: 'id' }] } } });
  });

  it('refuses oversize strings', async () => {
    const r = await dispatch(rec.handlers, 'cases.create', { title: 'x'.repeat(201) }, silentLogger);
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', details: { issues: [{ path: 'title' }] } } });
  });

  it('refuses impossible dates and float money', async () => {
    const r1 = await dispatch(rec.handlers, 'cases.create', { filedOn: '2025-02-30' }, silentLogger);
    expect(r1).toMatchObject({ ok: false, error: { details: { issues: [{ path: 'filedOn' }] } } });
    const r2 = await dispatch(rec.handlers, 'cases.create', { claims: [{ text: 'x', amountFen: 1.5 }] }, silentLogger);
    expect(r2).toMatchObject({ ok: false, error: { details: { issues: [{ path: 'claims.0.amountFen' }] } } });
  });

  it('refuses wrong types for the whole input', async () => {
    for (const bad of ['text', 42, [1, 2], true]) {
      const r = await dispatch(rec.handlers, 'cases.list', bad, silentLogger);
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
  });

  it('refuses ids with path or SQL characters', async () => {
    for (const id of ['../etc/passwd', "1' OR 1=1 --", 'x'.repeat(65)]) {
      const r = await dispatch(rec.handlers, 'cases.get', { id }, silentLogger);
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
  });
});

describe('dispatch results', () => {
  it('hides unexpected errors behind INTERNAL without a stack', async () => {
    const { handlers } = recording();
    const r = await dispatch(handlers, 'app.info', {}, silentLogger);
    expect(r).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'Unexpected error' } });
  });

  it('reports a handler whose output breaks the contract', async () => {
    const handlers = { ...recording().handlers, 'settings.get': () => ({ language: 'fr' }) } as unknown as Handlers;
    const r = await dispatch(handlers, 'settings.get', {}, silentLogger);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('lists every declared method in METHOD_NAMES', () => {
    expect([...METHOD_NAMES].sort()).toEqual(Object.keys(methods).sort());
  });
});

describe('long operations', () => {
  it('report a result that cannot cross as JSON as null instead of dropping ops.done', async () => {
    const { EventBus } = await import('../../electron/backend/events');
    const { OperationRegistry } = await import('../../electron/backend/ops');
    const bus = new EventBus();
    const seen: unknown[] = [];
    bus.subscribe((name, payload) => seen.push([name, JSON.parse(JSON.stringify(payload))]));
    const ops = new OperationRegistry(bus);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const { opId, done } = ops.start('test', () => Promise.resolve(cyclic));
    await done;
    expect(seen).toEqual([['ops.done', { opId, kind: 'test', status: 'ok', error: null, result: null }]]);
  });
});
