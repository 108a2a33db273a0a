import type { SectionCitation } from '../../../shared/contract/drafting';
import { findCaseNumbers } from '../../../shared/rules/caseNumber';
import { citeText } from '../precedents/statutes';
import type { Db } from '../store/db';
import * as repo from '../store/repos/drafting';

/**
 * Finds the statutes and precedents a text cites and checks each against the imported libraries.
 * Nothing is silently accepted: a citation the library does not hold is `unresolved`, and when a
 * library is empty every citation of that kind is `unverifiable` (the judge must check it by hand).
 */
export function checkCitations(db: Db, text: string, opts: { asOf: string; ownCaseNumber: string }): SectionCitation[] {
  const out: SectionCitation[] = [];
  if (text.trim() === '') return out;
  const haveStatutes = repo.statuteLibrarySize(db) > 0;
  for (const c of citeText(db, text, opts.asOf)) {
    if (!haveStatutes) {
      out.push({
        kind: 'statute',
        raw: c.raw,
        start: c.start,
        end: c.end,
        status: 'unverifiable',
        target: '',
        note: '法规库为空，无法核对该条文；请导入法律法规后重新校对',
      });
      continue;
    }
    const bad = c.articles.find((a) => a.status !== 'ok');
    out.push({
      kind: 'statute',
      raw: c.raw,
      start: c.start,
      end: c.end,
      status: c.status === 'ok' ? 'ok' : 'unresolved',
      target: c.law ? `${c.law.title}${c.law.version ? `（${c.law.version}）` : ''}` : '',
      note: c.status === 'ok' ? '' : (bad?.note ?? '法规库中找不到该条文'),
    });
  }
  const havePrecedents = repo.precedentLibrarySize(db) > 0;
  for (const m of findCaseNumbers(text)) {
    const normalized = m.parsed.normalized ?? m.raw;
    if (normalized === opts.ownCaseNumber || m.raw === opts.ownCaseNumber) continue;
    if (!havePrecedents) {
      out.push({
        kind: 'precedent',
        raw: m.raw,
        start: m.start,
        end: m.end,
        status: 'unverifiable',
        target: '',
        note: '类案库为空，无法核对该案例；请导入裁判文书后重新校对',
      });
      continue;
    }
    const hits = repo.findPrecedentsByCaseNumber(db, normalized);
    const hit = hits[0] ?? (normalized !== m.raw ? repo.findPrecedentsByCaseNumber(db, m.raw)[0] : undefined);
    out.push({
      kind: 'precedent',
      raw: m.raw,
      start: m.start,
      end: m.end,
      status: hit ? 'ok' : 'unresolved',
      target: hit ? `${hit.court} ${hit.title}`.trim() : '',
      note: hit ? '' : '类案库中没有该案号的裁判文书，请核实或删除',
    });
  }
  return out.sort((a, b) => a.start - b.start);
}
