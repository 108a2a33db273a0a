import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResult } from '../../shared/contract/llm';
import { openTestBackend, type TestBackend } from '../helpers/backend';
import { haveTinyModel, record, tinyModel, until, type OpDonePayload } from './helpers';

describe.skipIf(!haveTinyModel)('knowledge-density bench (pipeline only; random weights)', () => {
  let tb: TestBackend;
  let rec: ReturnType<typeof record>;
  beforeAll(async () => {
    tb = await openTestBackend();
    rec = record(tb);
  });
  afterAll(async () => {
    rec.stop();
    await tb.close();
  });

  it('runs 3 items with progress, stores the result and ranks it', async () => {
    const { opId } = await tb.api['llm.bench.run']({ model: tinyModel, limit: 3 });
    const done = await until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === opId);
    expect(done.error).toBeNull();
    expect(done.status).toBe('ok');
    const r = done.result as BenchResult;
    expect(r).toMatchObject({ modelPath: tinyModel, items: 3, suiteVersion: 'court-suite-1', jsonValidRate: 1 });
    expect(Object.keys(r.byTask).sort()).toEqual(['cause', 'extract', 'fact']);
    expect(r.accuracy).toBeGreaterThanOrEqual(0);
    expect(r.accuracy).toBeLessThanOrEqual(1);
    expect(r.tokensPerSecond).toBeGreaterThan(0);
    expect(r.peakRssBytes).toBeGreaterThan(10_000_000);
    expect(r.densityDefinition).toMatch(/accuracy/);
    const progress = rec.events.filter((e) => e.name === 'ops.progress' && (e.payload as { opId: string }).opId === opId);
    expect(progress.length).toBeGreaterThan(0);
    const board = await tb.api['llm.bench.results']({});
    expect(board.items).toHaveLength(1);
    expect(board.items[0]?.id).toBe(r.id);
  });

  it('can be cancelled', async () => {
    const { opId } = await tb.api['llm.bench.run']({});
    await until(rec, 'ops.progress', (p: { opId: string }) => p.opId === opId);
    await tb.api['ops.cancel']({ opId });
    const done = await until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === opId);
    expect(done.status).toBe('cancelled');
    // A cancelled run is not a result.
    expect((await tb.api['llm.bench.results']({})).items).toHaveLength(1);
  });
});
