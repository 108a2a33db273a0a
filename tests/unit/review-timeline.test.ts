import { describe, expect, it } from 'vitest';
import { eventClause, extractTimeline, findTimelineDates } from '../../shared/rules/timeline';

const read = (text: string) => findTimelineDates(text).map((d) => [d.raw, d.iso, d.precision, d.kind]);

describe('timeline dates (shared/rules/timeline)', () => {
  it('reads the explicit forms with offsets into the original text', () => {
    const text = '于2024年3月5日签订，二〇二四年三月五日落款，2024.3.5转账，２０２４年３月６日收到。';
    const found = findTimelineDates(text);
    expect(found.map((d) => d.iso)).toEqual(['2024-03-05', '2024-03-05', '2024-03-05', '2024-03-06']);
    for (const d of found) expect(text.slice(d.start, d.end)).toBe(d.raw);
  });

  it('resolves 同年/同月/次月/次年/当日/次日 and a bare 月日 against the previous date', () => {
    expect(read('2024年3月5日借款，次日交付，同年5月还一部分，同月20日再还，次月3日催讨，当日承诺，次年2月1日起诉，3月10日开庭。')).toEqual([
      ['2024年3月5日', '2024-03-05', 'day', 'explicit'],
      ['次日', '2024-03-06', 'day', 'relative'],
      ['同年5月', '2024-05-01', 'month', 'relative'],
      ['同月20日', '2024-05-20', 'day', 'relative'],
      ['次月3日', '2024-06-03', 'day', 'relative'],
      ['当日', '2024-06-03', 'day', 'relative'],
      ['次年2月1日', '2025-02-01', 'day', 'relative'],
      ['3月10日', '2025-03-10', 'day', 'relative'],
    ]);
  });

  it('crosses month and year ends and reads Chinese numerals in relative forms', () => {
    expect(read('2024年12月31日，次日')).toEqual([
      ['2024年12月31日', '2024-12-31', 'day', 'explicit'],
      ['次日', '2025-01-01', 'day', 'relative'],
    ]);
    expect(read('2024年11月8日，次月五日')[1]).toEqual(['次月五日', '2024-12-05', 'day', 'relative']);
    expect(read('2024年12月8日，次月五日')[1]).toEqual(['次月五日', '2025-01-05', 'day', 'relative']);
    expect(read('2024年2月1日，同月29日')[1]?.[1]).toBe('2024-02-29');
  });

  it('reports what it cannot resolve instead of guessing', () => {
    const [first] = findTimelineDates('次日，被告还款。');
    expect(first).toMatchObject({ iso: null, problem: { zh: '“次日”之前没有可作参照的明确日期，无法确定' } });
    const [, nextDay] = findTimelineDates('2024年8月被告失联，次日报警。');
    expect(nextDay?.problem?.zh).toMatch(/只精确到月/);
    const [, bad] = findTimelineDates('2023年2月1日，同月30日');
    expect(bad).toMatchObject({ iso: null });
    const [impossible] = findTimelineDates('2025年2月30日');
    expect(impossible?.problem?.en).toMatch(/not a real calendar date/);
  });

  it('does not take parts of other numbers or ordinary words for dates', () => {
    expect(read('编号12024年3月5日')).toEqual([]);
    expect(read('当事人双方同意。')).toEqual([]);
    expect(read('2024年3月，双方签约')).toEqual([['2024年3月', '2024-03-01', 'month', 'explicit']]);
  });

  it('gives the clause around the date as the event, and caps huge texts', () => {
    const text = '一、事实。2024年3月5日，被告向原告借款5万元。次日交付。';
    const [d] = findTimelineDates(text);
    expect(eventClause(text, d!.start, d!.end).text).toBe('2024年3月5日，被告向原告借款5万元。');
    const long = `前言${'很长的叙述，'.repeat(40)}2024年3月5日原告转账。`;
    const [l] = findTimelineDates(long);
    expect(eventClause(long, l!.start, l!.end).text).toBe('2024年3月5日原告转账。');
    const huge = extractTimeline('2024年1月1日。'.repeat(3000), 100);
    expect(huge.events).toHaveLength(100);
    expect(huge.truncated).toBe(true);
  });
});

describe('birth dates', () => {
  it('are identity, not timeline events', async () => {
    const { extractTimeline } = await import('../../shared/rules/timeline');
    const text = '原告：张三，男，1980年5月12日出生，汉族。被告：李四，1985年9月30日生，住某地。2024年3月5日，原告向被告出借50000元。';
    const { events } = extractTimeline(text);
    expect(events.map((e) => e.date.iso)).toEqual(['2024-03-05']);
  });
});
