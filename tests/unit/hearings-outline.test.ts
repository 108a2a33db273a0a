import { describe, expect, it } from 'vitest';
import type { CaseDetail } from '../../shared/contract/cases';
import { noticeDeadline } from '../../electron/backend/hearings/conflicts';
import { generateOutline } from '../../electron/backend/hearings/outline';
import { dateTimeZh } from '../../electron/backend/hearings/service';

const baseCase = (over: Partial<CaseDetail> = {}): CaseDetail => ({
  id: 'c1',
  caseNumber: '（2026）粤0305民初1号',
  title: '',
  causeOfAction: '离婚纠纷',
  procedure: 'ordinary',
  stage: 'pretrial',
  status: 'active',
  filedOn: '2026-03-02',
  judge: '',
  clerk: '',
  summary: '',
  parties: [],
  claims: [],
  documents: [],
  version: 1,
  createdAt: 0,
  updatedAt: 0,
  archivedAt: null,
  ...over,
});

describe('hearing helpers', () => {
  it('writes hearing times as notices do', () => {
    expect(dateTimeZh('2026-05-06', '09:00')).toBe('2026年5月6日上午9时00分');
    expect(dateTimeZh('2026-05-06', '14:30')).toBe('2026年5月6日下午2时30分');
    expect(dateTimeZh('2026-05-06', '12:15')).toBe('2026年5月6日下午12时15分');
  });

  it('applies CPL art. 139 to trials in ordinary procedure only', () => {
    // Hearing Wed 2026-05-06: conservative reading H−4 = 05-02 (holiday) → back to 04-30.
    expect(noticeDeadline(baseCase(), 'trial', '2026-05-06')).toEqual({ due: '2026-04-30', binding: true });
    expect(noticeDeadline(baseCase({ procedure: 'simplified' }), 'trial', '2026-05-06')?.binding).toBe(false);
    expect(noticeDeadline(baseCase(), 'mediation', '2026-05-06')).toBeNull();
  });

  it('builds an outline in hearing order, with mandatory mediation for divorce', () => {
    const o = generateOutline(baseCase(), null, []);
    expect(o.map((s) => s.stage)).toEqual(['opening', 'investigation', 'evidence', 'debate', 'final_statement', 'mediation']);
    expect(o[5]!.items[0]!.text).toMatch(/民法典第一千零七十九条/);
    expect(o[2]!.items[0]!.text).toMatch(/证据目录尚无条目/);
  });
});
