import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseInput } from '../../shared/contract/cases';
import { expectAppError, openTestBackend, type TestBackend } from '../helpers/backend';

const twoParties: CaseInput = {
  caseNumber: '（2026）粤0305民初1号',
  causeOfAction: '民间借贷纠纷',
  procedure: 'simplified',
  filedOn: '2026-03-02',
  parties: [
    { role: 'plaintiff', kind: 'natural', name: '张三', gender: 'male', birthDate: '1980-01-02', address: '深圳市南山区' },
    {
      role: 'defendant',
      kind: 'legal',
      name: '某某科技有限公司',
      creditCode: '91440300MA5XXXXX0X',
      legalRep: '李四',
      legalRepTitle: '总经理',
      agents: [{ name: '王律师', kind: 'lawyer', firm: '某律师事务所' }],
    },
  ],
  claims: [
    { text: '判令被告偿还借款50000元', amountFen: 5_000_000 },
    { text: '诉讼费由被告负担' },
  ],
};

describe('case service on a real SQLite file', () => {
  let t: TestBackend;
  let clock = 1_700_000_000_000;
  beforeEach(async () => {
    t = await openTestBackend(undefined, () => (clock += 1000));
  });
  afterEach(() => t.close());

  it('creates a case with parties, agents and claims and reads it back', async () => {
    const created = await t.api['cases.create'](twoParties);
    expect(created.version).toBe(1);
    const got = await t.api['cases.get']({ id: created.id });
    expect(got.parties.map((p) => [p.role, p.kind, p.name])).toEqual([
      ['plaintiff', 'natural', '张三'],
      ['defendant', 'legal', '某某科技有限公司'],
    ]);
    expect(got.parties[1]!.agents[0]).toMatchObject({ name: '王律师', firm: '某律师事务所' });
    expect(got.claims.map((c) => [c.seq, c.amountFen])).toEqual([
      [1, 5_000_000],
      [2, null],
    ]);
  });

  it('finds cases by party name, agent name, case number (either bracket width) and cause', async () => {
    await t.api['cases.create'](twoParties);
    await t.api['cases.create']({ causeOfAction: '买卖合同纠纷', parties: [{ role: 'plaintiff', name: '赵六' }] });
    const q = async (query: string) => (await t.api['cases.list']({ query })).items.map((c) => c.causeOfAction);
    expect(await q('张三')).toEqual(['民间借贷纠纷']);
    expect(await q('王律师')).toEqual(['民间借贷纠纷']);
    expect(await q('(2026)粤0305民初1号')).toEqual(['民间借贷纠纷']);
    expect(await q('买卖')).toEqual(['买卖合同纠纷']);
    expect(await q('赵六')).toEqual(['买卖合同纠纷']);
    expect(await q('%')).toEqual([]);
    expect(await q('无此人')).toEqual([]);
  });

  it('updates with optimistic concurrency and audits what changed', async () => {
    const c = await t.api['cases.create'](twoParties);
    const edited = await t.api['cases.update']({
      id: c.id,
      version: c.version,
      case: { ...twoParties, causeOfAction: '借款合同纠纷', parties: [...twoParties.parties!, { role: 'third_party', name: '第三人甲' }] },
    });
    expect(edited.version).toBe(2);
    expect(edited.causeOfAction).toBe('借款合同纠纷');
    // Party ids survive an edit, so later records can point at them.
    const before = await t.api['cases.get']({ id: c.id });
    const again = await t.api['cases.update']({ id: c.id, version: 2, case: { ...twoParties, parties: before.parties } });
    expect(again.parties.map((p) => p.id)).toEqual(before.parties.map((p) => p.id));

    const stale = await expectAppError(t.api['cases.update']({ id: c.id, version: 1, case: twoParties }));
    expect(stale.code).toBe('CONFLICT');
    const audit = await t.api['cases.audit']({ caseId: c.id });
    expect(audit.items.map((a) => a.action)).toEqual(['case.update', 'case.update', 'case.create']);
    expect(audit.items[1]!.detail).toMatchObject({
      fields: { causeOfAction: { from: '民间借贷纠纷', to: '借款合同纠纷' } },
      partiesAdded: ['third_party:第三人甲'],
    });
    expect(audit.items[0]!.actor).toBeTruthy();
  });

  it('refuses a second case with the same number and keeps the first intact', async () => {
    const first = await t.api['cases.create'](twoParties);
    const err = await expectAppError(t.api['cases.create']({ ...twoParties, parties: [{ role: 'plaintiff', name: '别人' }] }));
    expect(err.code).toBe('CONFLICT');
    expect(err.details?.issues?.[0]?.path).toBe('caseNumber');
    expect((await t.api['cases.list']({})).total).toBe(1);
    expect((await t.api['cases.get']({ id: first.id })).parties[0]!.name).toBe('张三');
  });

  it('archives and restores; archived cases leave the active list', async () => {
    const c = await t.api['cases.create'](twoParties);
    const archived = await t.api['cases.archive']({ id: c.id, version: c.version });
    expect(archived.status).toBe('archived');
    expect((await t.api['cases.list']({})).total).toBe(0);
    expect((await t.api['cases.list']({ status: 'archived' })).total).toBe(1);
    const restored = await t.api['cases.restore']({ id: c.id, version: archived.version });
    expect(restored.status).toBe('active');
    expect(restored.archivedAt).toBeNull();
  });

  it('gives NOT_FOUND for unknown ids', async () => {
    expect((await expectAppError(t.api['cases.get']({ id: 'nope' }))).code).toBe('NOT_FOUND');
    expect((await expectAppError(t.api['cases.archive']({ id: 'nope', version: 1 }))).code).toBe('NOT_FOUND');
    expect((await expectAppError(t.api['documents.text']({ id: 'nope' }))).code).toBe('NOT_FOUND');
  });

  it('sorts by case number numerically and pages', async () => {
    for (const n of [10, 2, 1]) {
      await t.api['cases.create']({ caseNumber: `（2026）粤0305民初${n}号`, parties: [{ role: 'plaintiff', name: `甲${n}` }] });
    }
    const asc = await t.api['cases.list']({ sort: 'caseNumber', order: 'asc', pageSize: 2 });
    expect(asc.total).toBe(3);
    expect(asc.items.map((c) => c.caseNumber)).toEqual(['（2026）粤0305民初1号', '（2026）粤0305民初2号']);
    const page2 = await t.api['cases.list']({ sort: 'caseNumber', order: 'asc', pageSize: 2, page: 2 });
    expect(page2.items.map((c) => c.caseNumber)).toEqual(['（2026）粤0305民初10号']);
  });

  it('a failed update leaves the saved case exactly as it was', async () => {
    const c = await t.api['cases.create'](twoParties);
    await t.api['cases.create']({ caseNumber: '（2026）粤0305民初2号' });
    await expectAppError(t.api['cases.update']({ id: c.id, version: 1, case: { ...twoParties, caseNumber: '（2026）粤0305民初2号', parties: [] } }));
    const after = await t.api['cases.get']({ id: c.id });
    expect(after.version).toBe(1);
    expect(after.parties).toHaveLength(2);
    expect((await t.api['cases.audit']({ caseId: c.id })).total).toBe(1);
  });

  it('loads the sample cases once, idempotently', async () => {
    const first = await t.api['samples.load']({});
    expect(first.inserted).toBeGreaterThanOrEqual(5);
    const second = await t.api['samples.load']({});
    expect(second).toEqual({ inserted: 0, skipped: first.inserted });
    const list = await t.api['cases.list']({ pageSize: 100, status: 'all' });
    expect(list.total).toBe(first.inserted);
    expect(list.items.every((c) => c.title.startsWith('【示例】'))).toBe(true);
  });

  it('settings persist and name the audit actor', async () => {
    const s0 = await t.api['settings.get']({});
    expect(s0).toMatchObject({ language: 'zh-CN', samplesChoice: 'pending' });
    await t.api['settings.update']({ userName: '书记员陈', language: 'en', court: { name: '广东省深圳市南山区人民法院', code: '粤0305' } });
    const c = await t.api['cases.create'](twoParties);
    const audit = await t.api['cases.audit']({ caseId: c.id });
    expect(audit.items[0]!.actor).toBe('书记员陈');
    expect((await t.api['settings.get']({})).language).toBe('en');
    const bad = await expectAppError(t.api['settings.update']({ language: 'fr' } as never));
    expect(bad.code).toBe('BAD_INPUT');
  });
});
