import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffText, sideOf } from '../../electron/backend/drafting/diff';

describe('draft diff', () => {
  it('shows a one-character fix in a long paragraph as that character', () => {
    const a = '被告李清河于本判决生效之日起十日内向原告张明远偿还借款本金50000元；\n二、驳回原告的其他诉讼请求。';
    const b = a.replace('50000', '60000');
    const parts = diffText(a, b);
    expect(parts.filter((p) => p.op !== 'equal')).toEqual([
      { op: 'delete', text: '5' },
      { op: 'insert', text: '6' },
    ]);
  });
  it('reports added and removed lines', () => {
    const parts = diffText('一\n二\n三', '一\n三\n四');
    expect(sideOf(parts, 'before')).toBe('一\n二\n三');
    expect(sideOf(parts, 'after')).toBe('一\n三\n四');
    expect(parts.some((p) => p.op === 'delete' && p.text.includes('二'))).toBe(true);
  });
  it('handles empty sides and identical texts', () => {
    expect(diffText('', '')).toEqual([]);
    expect(diffText('甲', '甲')).toEqual([{ op: 'equal', text: '甲' }]);
    expect(diffText('', '乙')).toEqual([{ op: 'insert', text: '乙' }]);
    expect(diffText('甲', '')).toEqual([{ op: 'delete', text: '甲' }]);
  });
  it('always rebuilds both sides (property)', () => {
    const text = fc.array(fc.constantFrom('甲', '乙', '丙', '\n', '1', '，'), { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = diffText(a, b);
        return sideOf(parts, 'before') === a && sideOf(parts, 'after') === b;
      }),
      { numRuns: 300 },
    );
  });
  it('stays fast on a rewritten 20,000-character section', () => {
    const a = '原告主张借款事实。'.repeat(2000);
    const b = '被告否认收到款项。'.repeat(2000);
    const t = Date.now();
    const parts = diffText(a, b);
    expect(Date.now() - t).toBeLessThan(2000);
    expect(sideOf(parts, 'after')).toBe(b);
  });
});
