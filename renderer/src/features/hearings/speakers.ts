import type { CaseDetail } from '../../../../shared/contract/cases';
import type { Hearing } from '../../../../shared/contract/hearings';
import type { SpeakerRole } from './transcriptModel';

export interface Speaker {
  readonly role: SpeakerRole;
  readonly name: string;
}

export const COURT_ROLES: ReadonlySet<SpeakerRole> = new Set(['presiding', 'judge', 'juror', 'clerk']);

/** Used when the hearing names too few people to cycle through. */
const FALLBACK: readonly Speaker[] = [
  { role: 'judge', name: '' },
  { role: 'clerk', name: '' },
  { role: 'plaintiff', name: '' },
  { role: 'defendant', name: '' },
  { role: 'agent', name: '' },
  { role: 'witness', name: '' },
];

export function speakerKey(s: Speaker): string {
  return `${s.role}|${s.name}`;
}

/**
 * Who may speak at this hearing, in the order a transcript usually names them: the bench, the
 * clerk, then the participants (the case's parties and agents when none were listed).
 */
export function speakersOf(hearing: Hearing, detail: CaseDetail): Speaker[] {
  const out: Speaker[] = [];
  const add = (role: SpeakerRole, name: string) => {
    const s = { role, name: name.trim() };
    if (!out.some((x) => speakerKey(x) === speakerKey(s))) out.push(s);
  };
  add(hearing.panel.length > 0 ? 'presiding' : 'judge', hearing.presidingJudge);
  for (const p of hearing.panel) add('judge', p);
  add('clerk', hearing.clerk);
  const participants = hearing.participants.length
    ? hearing.participants
    : detail.parties.flatMap((p) => [
        { kind: 'party' as const, name: p.name, role: p.role },
        ...p.agents.map((a) => ({ kind: 'agent' as const, name: a.name, role: p.role })),
      ]);
  // Parties first by role, then agents, then everyone else.
  const rank = (p: { kind: string; role: string | null }) => (p.kind === 'party' ? (p.role === 'plaintiff' ? 0 : p.role === 'defendant' ? 1 : 2) : p.kind === 'agent' ? 3 : 4);
  for (const p of [...participants].sort((a, b) => rank(a) - rank(b))) {
    if (p.kind === 'party') add(p.role ?? 'other', p.name);
    else if (p.kind === 'agent') add('agent', p.name);
    else add(p.kind, p.name);
  }
  const named = out.filter((s) => s.name !== '' || COURT_ROLES.has(s.role));
  return named.length >= 2 ? named : [...FALLBACK];
}

/** The next (or previous) speaker in the cycle after `current`. */
export function cycleSpeaker(list: readonly Speaker[], current: Speaker, step: 1 | -1): Speaker {
  const at = list.findIndex((s) => s.role === current.role && s.name === current.name);
  const fallbackAt = at >= 0 ? at : list.findIndex((s) => s.role === current.role);
  if (fallbackAt < 0) return list[0]!;
  return list[(fallbackAt + step + list.length) % list.length]!;
}

/** Who speaks after `current` when nothing else says: a party answers the bench, the bench asks a party. */
export function answerer(list: readonly Speaker[], current: Speaker): Speaker {
  const court = COURT_ROLES.has(current.role);
  const next = court ? list.find((s) => !COURT_ROLES.has(s.role)) : list.find((s) => COURT_ROLES.has(s.role) && s.role !== 'clerk');
  return next ?? cycleSpeaker(list, current, 1);
}
