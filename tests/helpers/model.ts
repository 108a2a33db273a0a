import { expect } from 'vitest';
import type { Api } from '../../shared/contract/methods';
import { record, tinyModel, until, type OpDonePayload } from '../llm/helpers';
import { openTestBackend, type TestBackend } from './backend';

export interface ModelBackend extends TestBackend {
  /** Every event since the backend opened, so a test's `until` cannot miss one that came early. */
  readonly rec: ReturnType<typeof record>;
}

/**
 * A fresh backend for the model-backed service tests: `prepare` sets up the data, then the tiny
 * model is loaded (and must load). `close()` also stops the recording.
 */
export async function openModelBackend(prepare: (api: Api) => Promise<void>): Promise<ModelBackend> {
  const tb = await openTestBackend();
  const rec = record(tb);
  await prepare(tb.api);
  const { opId } = await tb.api['llm.load']({ path: tinyModel, contextSize: 4096 });
  const loaded = await until<OpDonePayload>(rec, 'ops.done', (p) => p.opId === opId);
  expect(loaded.status).toBe('ok');
  return {
    ...tb,
    rec,
    close: async () => {
      rec.stop();
      await tb.close();
    },
  };
}

/** The id of the first case a search finds, e.g. a sample's number '民初9001号'. */
export async function caseIdOf(api: Api, query: string): Promise<string> {
  return (await api['cases.list']({ query })).items[0]!.id;
}
