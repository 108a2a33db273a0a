import dayjs, { type Dayjs } from 'dayjs';
import type { AgentInput, CaseDetail, CaseInput, CaseStage, PartyInput, PartyKind, PartyRole, Procedure } from '../../../../shared/contract/cases';
import { fenToYuanString, parseYuan } from '../../ui/money';
import type { FieldPath } from '../../ui/errors';

type AgentKind = NonNullable<AgentInput['kind']>;
type Gender = 'male' | 'female';

/** What the antd form holds: dates as Dayjs, money as the yuan text the user typed. */
export interface AgentFormValues {
  id?: string;
  name: string;
  kind: AgentKind;
  firm: string;
  licenseNo: string;
  phone: string;
}

export interface PartyFormValues {
  id?: string;
  role: PartyRole;
  kind: PartyKind;
  name: string;
  gender: Gender | null;
  birthDate: Dayjs | null;
  ethnicity: string;
  idNumber: string;
  creditCode: string;
  legalRep: string;
  legalRepTitle: string;
  address: string;
  phone: string;
  agents: AgentFormValues[];
}

export interface ClaimFormValues {
  id?: string;
  text: string;
  amount: string;
}

export interface CaseFormValues {
  caseNumber: string;
  title: string;
  causeOfAction: string;
  procedure: Procedure | null;
  filedOn: Dayjs | null;
  judge: string;
  clerk: string;
  summary: string;
  parties: PartyFormValues[];
  claims: ClaimFormValues[];
}

export function emptyAgent(): AgentFormValues {
  return { name: '', kind: 'lawyer', firm: '', licenseNo: '', phone: '' };
}

export function emptyParty(role: PartyRole): PartyFormValues {
  return {
    role,
    kind: 'natural',
    name: '',
    gender: null,
    birthDate: null,
    ethnicity: '',
    idNumber: '',
    creditCode: '',
    legalRep: '',
    legalRepTitle: '',
    address: '',
    phone: '',
    agents: [],
  };
}

export function emptyClaim(): ClaimFormValues {
  return { text: '', amount: '' };
}

export function emptyCaseForm(): CaseFormValues {
  return {
    caseNumber: '',
    title: '',
    causeOfAction: '',
    procedure: null,
    filedOn: null,
    judge: '',
    clerk: '',
    summary: '',
    parties: [emptyParty('plaintiff'), emptyParty('defendant')],
    claims: [emptyClaim()],
  };
}

const DATE = 'YYYY-MM-DD';

function parseDate(s: string | null): Dayjs | null {
  return s ? dayjs(s) : null;
}

export function caseToForm(c: CaseDetail): CaseFormValues {
  return {
    caseNumber: c.caseNumber,
    title: c.title,
    causeOfAction: c.causeOfAction,
    procedure: c.procedure,
    filedOn: parseDate(c.filedOn),
    judge: c.judge,
    clerk: c.clerk,
    summary: c.summary,
    parties: c.parties.map((p) => ({
      id: p.id,
      role: p.role,
      kind: p.kind,
      name: p.name,
      gender: p.gender,
      birthDate: parseDate(p.birthDate),
      ethnicity: p.ethnicity,
      idNumber: p.idNumber,
      creditCode: p.creditCode,
      legalRep: p.legalRep,
      legalRepTitle: p.legalRepTitle,
      address: p.address,
      phone: p.phone,
      agents: p.agents.map((a) => ({
        id: a.id,
        name: a.name,
        kind: a.kind,
        firm: a.firm,
        licenseNo: a.licenseNo,
        phone: a.phone,
      })),
    })),
    claims: [...c.claims]
      .sort((a, b) => a.seq - b.seq)
      .map((cl) => ({ id: cl.id, text: cl.text, amount: cl.amountFen === null ? '' : fenToYuanString(cl.amountFen) })),
  };
}

const str = (v: string | undefined | null): string => (v ?? '').trim();

/** The invalid amount, when there is one, is caught by the form validator before this runs. */
function toAmountFen(amount: string | undefined): number | null {
  const s = str(amount);
  return s === '' ? null : parseYuan(s);
}

/**
 * Form → contract payload. Identity fields that do not fit the party's kind are cleared, so switching a
 * party from natural person to company does not silently keep a stale ID number.
 */
export function formToCaseInput(v: CaseFormValues, stage: CaseStage): CaseInput {
  const parties: PartyInput[] = (v.parties ?? []).map((p) => {
    const natural = p.kind === 'natural';
    const party: PartyInput = {
      role: p.role,
      kind: p.kind,
      name: str(p.name),
      gender: natural ? (p.gender ?? null) : null,
      birthDate: natural && p.birthDate ? p.birthDate.format(DATE) : null,
      ethnicity: natural ? str(p.ethnicity) : '',
      idNumber: natural ? str(p.idNumber) : '',
      creditCode: natural ? '' : str(p.creditCode),
      legalRep: natural ? '' : str(p.legalRep),
      legalRepTitle: natural ? '' : str(p.legalRepTitle),
      address: str(p.address),
      phone: str(p.phone),
      agents: (p.agents ?? []).map((a) => {
        const agent: AgentInput = {
          name: str(a.name),
          kind: a.kind,
          firm: str(a.firm),
          licenseNo: str(a.licenseNo),
          phone: str(a.phone),
        };
        return a.id ? { id: a.id, ...agent } : agent;
      }),
    };
    return p.id ? { id: p.id, ...party } : party;
  });
  return {
    caseNumber: str(v.caseNumber),
    title: str(v.title),
    causeOfAction: str(v.causeOfAction),
    procedure: v.procedure ?? null,
    stage,
    filedOn: v.filedOn ? v.filedOn.format(DATE) : null,
    judge: str(v.judge),
    clerk: str(v.clerk),
    summary: str(v.summary),
    parties,
    claims: (v.claims ?? []).map((c) => {
      const claim = { text: str(c.text), amountFen: toAmountFen(c.amount) };
      return c.id ? { id: c.id, ...claim } : claim;
    }),
  };
}

const CASE_FIELDS = new Set(['caseNumber', 'title', 'causeOfAction', 'procedure', 'filedOn', 'judge', 'clerk', 'summary']);
const PARTY_FIELDS = new Set([
  'role', 'kind', 'name', 'gender', 'birthDate', 'ethnicity', 'idNumber', 'creditCode', 'legalRep', 'legalRepTitle', 'address', 'phone',
]);
const AGENT_FIELDS = new Set(['name', 'kind', 'firm', 'licenseNo', 'phone']);

/**
 * Backend issue path → form field. `cases.update` nests the body under `case.`; claim amounts are
 * `amountFen` in the contract but the yuan text field here. Paths without a visible field return null.
 */
export function issuePathToField(path: FieldPath): FieldPath | null {
  const p = path[0] === 'case' ? path.slice(1) : path;
  const [head, i, field, j, sub] = p;
  if (p.length === 1 && typeof head === 'string' && CASE_FIELDS.has(head)) return [head];
  if (head === 'parties' && typeof i === 'number') {
    if (p.length === 3 && typeof field === 'string' && PARTY_FIELDS.has(field)) return ['parties', i, field];
    if (field === 'agents' && typeof j === 'number' && p.length === 5 && typeof sub === 'string' && AGENT_FIELDS.has(sub)) {
      return ['parties', i, 'agents', j, sub];
    }
    return null;
  }
  if (head === 'claims' && typeof i === 'number' && p.length === 3) {
    if (field === 'text') return ['claims', i, 'text'];
    if (field === 'amountFen') return ['claims', i, 'amount'];
  }
  return null;
}
