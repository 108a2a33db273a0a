import type { AppInfo, Settings } from '../../shared/contract/app';
import type { BackendStatus } from '../../shared/contract/bridge';
import type {
  AuditEntry,
  CaseDetail,
  CaseInput,
  CaseListInput,
  CaseSummary,
  Claim,
  DocumentMeta,
  Party,
} from '../../shared/contract/cases';
import type { Api, Input, Method, Output } from '../../shared/contract/methods';
import { METHOD_NAMES } from '../../shared/contract/names';
import { AppError, type ErrorIssue } from '../../shared/contract/result';
import type { ApiEvents } from '../../renderer/src/api/client';
import { Emitter } from '../../renderer/src/api/transport';

/**
 * An in-memory stand-in for the backend, for component tests only: it keeps cases, enforces the
 * version check and a few required fields the way the real service does. Real backend behaviour is
 * tested in tests/services and tests/e2e.
 */
export class FakeBackend {
  readonly calls: { method: Method; input: unknown }[] = [];
  settings: Settings = {
    language: 'zh-CN',
    userName: '书记员甲',
    court: { name: '广东省深圳市南山区人民法院', code: '粤0305' },
    samplesChoice: 'declined',
    extensionReminderDays: 30,
  };
  readonly cases = new Map<string, CaseDetail>();
  readonly documents = new Map<string, { meta: DocumentMeta; text: string; base64: string }>();
  readonly audit: AuditEntry[] = [];
  private readonly failures = new Map<Method, AppError[]>();
  private readonly extraHandlers = new Map<Method, (input: unknown) => unknown>();
  private readonly emitter = new Emitter();
  private seq = 0;
  private clock = Date.UTC(2025, 2, 3, 8, 0, 0);
  status: BackendStatus = 'ready';

  readonly events: ApiEvents = {
    on: (event, listener) => this.emitter.on(event, (payload) => listener(payload as never)),
    status: () => this.status,
  };

  readonly api: Api;

  constructor() {
    // Only what the foundation screens use; anything else rejects as UNSUPPORTED, so the fake keeps
    // compiling while other teams add methods to the contract.
    const handlers: { [M in Method]?: (input: Input<M>) => Output<M> } = {
      'app.info': () => this.appInfo(),
      'settings.get': () => ({ ...this.settings }),
      'settings.update': (patch) => {
        const court = patch.court ? { name: patch.court.name ?? '', code: patch.court.code ?? '' } : this.settings.court;
        this.settings = { ...this.settings, ...patch, court };
        return { ...this.settings };
      },
      'app.backup': () => ({ path: '/data/backups/courtdesk-20250303.db', bytes: 123_456 }),
      'cases.list': (input) => this.list(input),
      'cases.get': ({ id }) => this.get(id),
      'cases.create': (input) => this.create(input),
      'cases.update': ({ id, version, case: body }) => this.update(id, version, body),
      'cases.archive': ({ id, version }) => this.setStatus(id, version, 'archived'),
      'cases.restore': ({ id, version }) => this.setStatus(id, version, 'active'),
      'cases.audit': ({ caseId, page = 1, pageSize = 20 }) => {
        const items = this.audit.filter((a) => a.caseId === caseId).reverse();
        return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length };
      },
      'documents.add': (input) => this.addDocument(input),
      'documents.text': ({ id }) => {
        const d = this.documents.get(id);
        if (!d) throw new AppError('NOT_FOUND', `document ${id} not found`);
        return { meta: d.meta, text: d.text };
      },
      'documents.content': ({ id }) => {
        const d = this.documents.get(id);
        if (!d) throw new AppError('NOT_FOUND', `document ${id} not found`);
        return { meta: d.meta, contentBase64: d.base64 };
      },
      'documents.remove': ({ id }) => {
        const d = this.documents.get(id);
        if (!d) throw new AppError('NOT_FOUND', `document ${id} not found`);
        this.documents.delete(id);
        const c = this.get(d.meta.caseId);
        this.cases.set(c.id, { ...c, documents: c.documents.filter((x) => x.id !== id) });
        return null;
      },
      'samples.load': () => this.loadSamples(),
      'ops.cancel': () => ({ cancelled: false }),
    };
    const api: Partial<Record<Method, (input: unknown) => Promise<unknown>>> = {};
    for (const method of METHOD_NAMES) {
      api[method] = async (input: unknown) => {
        this.calls.push({ method, input: structuredClone(input) });
        await Promise.resolve();
        const failure = this.failures.get(method)?.shift();
        if (failure) throw failure;
        const handler = (handlers[method] ?? this.extraHandlers.get(method)) as ((input: unknown) => unknown) | undefined;
        if (!handler) throw new AppError('UNSUPPORTED', `${method} is not implemented by the fake backend`);
        return structuredClone(handler(input));
      };
    }
    this.api = api as Api;
  }

  /** Adds a handler for a method the fake does not implement (e.g. llm.*), for one test file's needs. */
  handle<M extends Method>(method: M, handler: (input: Input<M>) => Output<M>): void {
    this.extraHandlers.set(method, handler as (input: unknown) => unknown);
  }

  /** The next call of `method` fails with this error (queued, one per call). */
  failNext(method: Method, error: AppError): void {
    const list = this.failures.get(method) ?? [];
    list.push(error);
    this.failures.set(method, list);
  }

  callsOf<M extends Method>(method: M): Input<M>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input as Input<M>);
  }

  emit(event: string, payload: unknown): void {
    if (event === 'backend.status') this.status = payload as BackendStatus;
    this.emitter.emit(event, payload);
  }

  private now(): number {
    this.clock += 60_000;
    return this.clock;
  }

  private id(prefix: string): string {
    this.seq += 1;
    return `${prefix}${this.seq}`;
  }

  private appInfo(): AppInfo {
    return {
      version: '0.1.0',
      mode: 'test',
      dataDir: '/data',
      dbPath: '/data/courtdesk.db',
      schemaVersion: 1,
      caseCount: this.cases.size,
    };
  }

  private get(id: string): CaseDetail {
    const c = this.cases.get(id);
    if (!c) throw new AppError('NOT_FOUND', `case ${id} not found`);
    return c;
  }

  private validate(input: CaseInput, prefix: string): void {
    const issues: ErrorIssue[] = [];
    (input.parties ?? []).forEach((p, i) => {
      if (!p.name?.trim()) issues.push({ path: `${prefix}parties.${i}.name`, message: 'is required' });
    });
    (input.claims ?? []).forEach((c, i) => {
      if (!c.text?.trim()) issues.push({ path: `${prefix}claims.${i}.text`, message: 'is required' });
      if (c.amountFen != null && !Number.isInteger(c.amountFen)) {
        issues.push({ path: `${prefix}claims.${i}.amountFen`, message: 'must be whole fen' });
      }
    });
    if (input.filedOn && !/^\d{4}-\d{2}-\d{2}$/.test(input.filedOn)) {
      issues.push({ path: `${prefix}filedOn`, message: 'must be a date as YYYY-MM-DD' });
    }
    if (issues.length > 0) throw new AppError('BAD_INPUT', 'input is invalid', { issues });
  }

  private materialize(input: CaseInput, base: { id: string; version: number; createdAt: number; documents: DocumentMeta[]; status: 'active' | 'archived'; archivedAt: number | null }): CaseDetail {
    const parties: Party[] = (input.parties ?? []).map((p) => ({
      id: p.id ?? this.id('p'),
      role: p.role,
      kind: p.kind ?? 'natural',
      name: p.name.trim(),
      gender: p.gender ?? null,
      birthDate: p.birthDate ?? null,
      ethnicity: p.ethnicity ?? '',
      idNumber: p.idNumber ?? '',
      creditCode: p.creditCode ?? '',
      legalRep: p.legalRep ?? '',
      legalRepTitle: p.legalRepTitle ?? '',
      address: p.address ?? '',
      phone: p.phone ?? '',
      agents: (p.agents ?? []).map((a) => ({
        id: a.id ?? this.id('a'),
        name: a.name,
        kind: a.kind ?? 'lawyer',
        firm: a.firm ?? '',
        licenseNo: a.licenseNo ?? '',
        phone: a.phone ?? '',
      })),
    }));
    const claims: Claim[] = (input.claims ?? []).map((c, i) => ({
      id: c.id ?? this.id('c'),
      seq: i + 1,
      text: c.text,
      amountFen: c.amountFen ?? null,
    }));
    return {
      ...base,
      caseNumber: input.caseNumber ?? '',
      title: input.title ?? '',
      causeOfAction: input.causeOfAction ?? '',
      procedure: input.procedure ?? null,
      stage: input.stage ?? 'intake',
      filedOn: input.filedOn ?? null,
      judge: input.judge ?? '',
      clerk: input.clerk ?? '',
      summary: input.summary ?? '',
      parties,
      claims,
      updatedAt: this.now(),
    };
  }

  private log(action: string, caseId: string, detail: Record<string, unknown> = {}): void {
    this.audit.push({
      id: this.audit.length + 1,
      at: this.clock,
      actor: this.settings.userName,
      action,
      entity: 'case',
      entityId: caseId,
      caseId,
      detail,
    });
  }

  create(input: CaseInput): CaseDetail {
    this.validate(input, '');
    const id = this.id('case');
    const c = this.materialize(input, { id, version: 1, createdAt: this.clock, documents: [], status: 'active', archivedAt: null });
    this.cases.set(id, c);
    this.log('case.create', id);
    return c;
  }

  private update(id: string, version: number, body: CaseInput): CaseDetail {
    const old = this.get(id);
    if (old.version !== version) throw new AppError('CONFLICT', `case ${id} is at version ${old.version}, not ${version}`);
    this.validate(body, 'case.');
    const c = this.materialize(body, { ...old, version: old.version + 1 });
    this.cases.set(id, c);
    this.log('case.update', id);
    return c;
  }

  private setStatus(id: string, version: number, status: 'active' | 'archived'): CaseDetail {
    const old = this.get(id);
    if (old.version !== version) throw new AppError('CONFLICT', 'version mismatch');
    const c: CaseDetail = {
      ...old,
      status,
      archivedAt: status === 'archived' ? this.now() : null,
      version: old.version + 1,
      updatedAt: this.now(),
    };
    this.cases.set(id, c);
    this.log(status === 'archived' ? 'case.archive' : 'case.restore', id);
    return c;
  }

  private list(input: CaseListInput): { items: CaseSummary[]; total: number } {
    const q = (input.query ?? '').trim().toLowerCase();
    const status = input.status ?? 'active';
    const sort = input.sort ?? 'updatedAt';
    const dir = (input.order ?? 'desc') === 'asc' ? 1 : -1;
    const page = input.page ?? 1;
    const pageSize = input.pageSize ?? 20;
    const all = [...this.cases.values()].filter((c) => {
      if (status !== 'all' && c.status !== status) return false;
      if (input.stage && c.stage !== input.stage) return false;
      if (!q) return true;
      const hay = [c.caseNumber, c.causeOfAction, ...c.parties.map((p) => p.name)].join('\n').toLowerCase();
      return hay.includes(q);
    });
    all.sort((a, b) => {
      const va = a[sort] ?? '';
      const vb = b[sort] ?? '';
      return (va < vb ? -1 : va > vb ? 1 : 0) * dir;
    });
    return { items: all.slice((page - 1) * pageSize, page * pageSize).map(summarize), total: all.length };
  }

  private addDocument(input: Input<'documents.add'>): DocumentMeta {
    const c = this.get(input.caseId);
    const binary = atob(input.contentBase64);
    const bytes = new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
    const meta: DocumentMeta = {
      id: this.id('doc'),
      caseId: c.id,
      title: input.title ?? '',
      kind: input.kind ?? 'other',
      filename: input.filename,
      mime: input.mime ?? '',
      size: binary.length,
      sha256: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
      textLength: input.filename.endsWith('.pdf') ? 0 : bytes.length,
      textNote: input.filename.endsWith('.pdf')
        ? 'Scanned PDF without a text layer (3 page(s)): it needs OCR before its text can be used.'
        : '',
      createdAt: this.now(),
    };
    this.documents.set(meta.id, { meta, text: meta.textLength > 0 ? bytes : '', base64: input.contentBase64 });
    this.cases.set(c.id, { ...c, documents: [...c.documents, meta] });
    return meta;
  }

  private loadSamples(): { inserted: number; skipped: number } {
    const samples: CaseInput[] = [
      {
        caseNumber: '（2025）粤0305民初101号',
        title: '【示例】王某诉李某民间借贷纠纷',
        causeOfAction: '民间借贷纠纷',
        procedure: 'simplified',
        filedOn: '2025-02-10',
        parties: [
          { role: 'plaintiff', name: '王某（示例）' },
          { role: 'defendant', name: '李某（示例）' },
        ],
        claims: [{ text: '判令被告偿还借款本金', amountFen: 5_000_000 }],
      },
      {
        caseNumber: '（2025）粤0305民初102号',
        title: '【示例】某科技公司诉某贸易公司买卖合同纠纷',
        causeOfAction: '买卖合同纠纷',
        procedure: 'ordinary',
        filedOn: '2025-02-12',
        parties: [
          { role: 'plaintiff', kind: 'legal', name: '深圳某科技有限公司（示例）' },
          { role: 'defendant', kind: 'legal', name: '深圳某贸易有限公司（示例）' },
        ],
        claims: [{ text: '判令被告支付货款', amountFen: 12_345_600 }],
      },
    ];
    let inserted = 0;
    let skipped = 0;
    for (const s of samples) {
      if ([...this.cases.values()].some((c) => c.caseNumber === s.caseNumber)) skipped += 1;
      else {
        this.create(s);
        inserted += 1;
      }
    }
    return { inserted, skipped };
  }
}

function summarize(c: CaseDetail): CaseSummary {
  const amounts = c.claims.map((cl) => cl.amountFen).filter((a): a is number => a !== null);
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    title: c.title,
    causeOfAction: c.causeOfAction,
    procedure: c.procedure,
    stage: c.stage,
    status: c.status,
    filedOn: c.filedOn,
    judge: c.judge,
    plaintiffs: c.parties.filter((p) => p.role === 'plaintiff').map((p) => p.name),
    defendants: c.parties.filter((p) => p.role === 'defendant').map((p) => p.name),
    claimTotalFen: amounts.length > 0 ? amounts.reduce((s, a) => s + a, 0) : null,
    updatedAt: c.updatedAt,
  };
}
