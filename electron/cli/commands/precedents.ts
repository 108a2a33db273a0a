import type { ImportJob, StatuteImportResult } from '../../../shared/contract/precedents';
import { createBackend, type Backend } from '../../backend/backend';
import { dispatch } from '../../backend/dispatch';
import { silentLogger } from '../../backend/log';
import { evalLecard } from '../../backend/precedents/lecard';
import { dataDirFrom, parse, type CliIo, type Command } from '../io';

/** Calls a method through dispatch (same validation as every transport); prints the error and returns null on failure. */
async function call<T>(backend: Backend, io: CliIo, method: string, input: unknown): Promise<{ value: T } | { code: number }> {
  const r = await dispatch(backend.handlers, method, input, silentLogger);
  if (!r.ok) {
    io.err(r.error.message);
    return { code: r.error.code === 'BAD_INPUT' ? 2 : 1 };
  }
  return { value: r.value as T };
}

/** Waits for a long operation, echoing progress to stderr; Ctrl-C cancels it (what was committed stays). */
function follow(backend: Backend, io: CliIo, opId: string, quiet: boolean): Promise<{ status: string; result: unknown; message: string }> {
  return new Promise((resolve) => {
    let lastPrint = 0;
    const onSigint = () => {
      io.err('Cancelling… (already imported items are kept; resume with --resume ID)');
      backend.ctx.ops.cancel(opId);
    };
    process.once('SIGINT', onSigint);
    const off = backend.ctx.events.subscribe((name, payload) => {
      const p = payload as { opId: string; done?: number; total?: number | null; message?: string; status?: string; result?: unknown; error?: { message: string } | null };
      if (p.opId !== opId) return;
      if (name === 'ops.progress' && !quiet && Date.now() - lastPrint > 1000) {
        lastPrint = Date.now();
        io.err(`${p.done}${p.total ? `/${p.total}` : ''} ${p.message ?? ''}`);
      }
      if (name === 'ops.done') {
        off();
        process.removeListener('SIGINT', onSigint);
        resolve({ status: p.status ?? 'error', result: p.result, message: p.error?.message ?? '' });
      }
    });
  });
}

function parseMapping(s: string | undefined): Record<string, string> | null {
  if (!s) return null;
  const out: Record<string, string> = {};
  for (const pair of s.split(',')) {
    const [k, v] = pair.split('=').map((x) => x.trim());
    if (!k || !v) return null;
    out[k] = v;
  }
  return out;
}

const importUsage =
  'courtdesk import-precedents --data-dir DIR (--jsonl FILE --map text=full_text,title=name,... | --csv FILE --map ... | --folder DIR | --lecard DIR) [--source NAME] [--authority guiding|gazette|reference|ordinary] [--resume IMPORT_ID] [--json]';
export const importPrecedents: Command = {
  name: 'import-precedents',
  usage: importUsage,
  summary: 'Import judgments (JSONL/CSV with a field mapping, a folder of .txt/.docx/.pdf, or LeCaRD) into the precedent library',
  async run(args, io) {
    const { values } = parse(
      args,
      {
        'data-dir': { type: 'string' },
        jsonl: { type: 'string' },
        csv: { type: 'string' },
        map: { type: 'string' },
        folder: { type: 'string' },
        lecard: { type: 'string' },
        source: { type: 'string' },
        authority: { type: 'string' },
        resume: { type: 'string' },
        json: { type: 'boolean' },
      },
      importUsage,
    );
    const table = values.jsonl ?? values.csv;
    const chosen = [table, values.folder, values.lecard].filter(Boolean).length;
    if (chosen !== 1) {
      io.err(`Give exactly one of --jsonl, --csv, --folder, --lecard\nUsage: ${importUsage}`);
      return 2;
    }
    const mapping = parseMapping(values.map);
    if (table && !mapping) {
      io.err(`--map is required with --jsonl/--csv, e.g. --map text=qw,title=name,court=court\nUsage: ${importUsage}`);
      return 2;
    }
    const source = table
      ? { kind: 'table', path: table, format: values.csv ? 'csv' : 'auto', mapping }
      : values.folder
        ? { kind: 'folder', path: values.folder }
        : { kind: 'lecard', path: values.lecard };
    const backend = await createBackend({ dataDir: dataDirFrom(values['data-dir']), mode: 'test', log: silentLogger });
    try {
      const started = await call<{ opId: string; importId: string }>(backend, io, 'precedents.import.start', {
        source,
        ...(values.source ? { sourceName: values.source } : {}),
        ...(values.authority ? { authority: values.authority } : {}),
        ...(values.resume ? { resumeImportId: values.resume } : {}),
      });
      if ('code' in started) return started.code;
      const done = await follow(backend, io, started.value.opId, Boolean(values.json));
      const job = (backend.handlers['precedents.import.get']({ importId: started.value.importId }) as ImportJob);
      if (values.json) io.out(JSON.stringify(job));
      else {
        io.out(`${job.status}: ${job.inserted} imported, ${job.duplicates} duplicates, ${job.failed} failed (import ${job.id})`);
        for (const i of job.issues.slice(0, 20)) io.out(`  ${i.file ?? `line ${i.line}`}: ${i.message}`);
      }
      if (done.status === 'ok') return 0;
      io.err(done.message);
      return done.status === 'cancelled' ? 130 : 1;
    } finally {
      await backend.close();
    }
  },
};

const searchUsage = 'courtdesk search-precedents "QUERY" [--data-dir DIR] [--cause CAUSE] [--limit N] [--json]';
export const searchPrecedents: Command = {
  name: 'search-precedents',
  usage: searchUsage,
  summary: 'Search the precedent library (with the reasons each result matches)',
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      { 'data-dir': { type: 'string' }, cause: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
      searchUsage,
      true,
    );
    const backend = await createBackend({ dataDir: dataDirFrom(values['data-dir']), mode: 'test', log: silentLogger });
    try {
      const r = await call<{ items: Array<{ rank: number; score: number; precedent: { title: string; caseNumber: string; court: string }; explanation: { authority: { label: string } } }>; queryInfo: { note: string | null } }>(
        backend,
        io,
        'precedents.search',
        { query: positionals.join(' '), ...(values.cause ? { cause: values.cause } : {}), limit: values.limit ? Number(values.limit) : 10 },
      );
      if ('code' in r) return r.code;
      if (values.json) io.out(JSON.stringify(r.value));
      else {
        if (r.value.queryInfo.note) io.err(r.value.queryInfo.note);
        for (const h of r.value.items) {
          io.out(`${h.rank}. ${h.score.toFixed(3)} ${h.precedent.caseNumber || '(无案号)'} ${h.precedent.title} ${h.precedent.court} [${h.explanation.authority.label}]`);
        }
      }
      return 0;
    } finally {
      await backend.close();
    }
  },
};

const evalUsage = 'courtdesk eval lecard --data DIR [--json]';
export const evalLecardCommand: Command = {
  name: 'eval lecard',
  usage: evalUsage,
  summary: 'Evaluate precedent search on LeCaRD (NDCG@10/20/30, P@5, P@10, MAP; official definitions)',
  async run(args, io) {
    const { values } = parse(args, { data: { type: 'string' }, json: { type: 'boolean' } }, evalUsage);
    if (!values.data) {
      io.err(`--data DIR is required\nUsage: ${evalUsage}`);
      return 2;
    }
    const report = await evalLecard(values.data, values.json ? () => undefined : (m) => io.err(m));
    if (values.json) io.out(JSON.stringify(report));
    else {
      const row = (name: string, m: { ndcg10: number; ndcg20: number; ndcg30: number; p5: number; p10: number; map: number }) =>
        io.out(`${name.padEnd(36)} ${[m.ndcg10, m.ndcg20, m.ndcg30, m.p5, m.p10, m.map].map((x) => x.toFixed(3)).join('  ')}`);
      io.out(`${'run'.padEnd(36)} NDCG@10 NDCG@20 NDCG@30 P@5   P@10  MAP   (${report.queries} queries)`);
      row('ours (facts + charges)', report.ours);
      row('ours (facts only)', report.oursFactsOnly);
      row('ours (BM25 only, no re-ranking)', report.oursLexicalOnly);
      if (report.repoBm25Run) row('LeCaRD repo bm25_top100 run', report.repoBm25Run);
      for (const [k, v] of Object.entries(report.published)) row(k, v);
    }
    return 0;
  },
};

const statutesUsage = 'courtdesk import-statutes --dir MDDIR [--data-dir DIR] [--json]';
export const importStatutesCommand: Command = {
  name: 'import-statutes',
  usage: statutesUsage,
  summary: 'Import a statute library (markdown/plain text, one law per file, 第X条 articles)',
  async run(args, io) {
    const { values } = parse(args, { 'data-dir': { type: 'string' }, dir: { type: 'string' }, json: { type: 'boolean' } }, statutesUsage);
    if (!values.dir) {
      io.err(`--dir is required\nUsage: ${statutesUsage}`);
      return 2;
    }
    const backend = await createBackend({ dataDir: dataDirFrom(values['data-dir']), mode: 'test', log: silentLogger });
    try {
      const started = await call<{ opId: string }>(backend, io, 'statutes.import.start', { path: values.dir });
      if ('code' in started) return started.code;
      const done = await follow(backend, io, started.value.opId, Boolean(values.json));
      if (done.status !== 'ok') {
        io.err(done.message);
        return 1;
      }
      const r = done.result as StatuteImportResult;
      if (values.json) io.out(JSON.stringify(r));
      else io.out(`${r.laws} laws (${r.replaced} replaced), ${r.articles} articles from ${r.files} files; ${r.skipped.length} skipped`);
      return 0;
    } finally {
      await backend.close();
    }
  },
};

const citeUsage = 'courtdesk cite "TEXT" [--data-dir DIR] [--as-of YYYY-MM-DD] [--json]';
export const citeCommand: Command = {
  name: 'cite',
  usage: citeUsage,
  summary: 'Find and link statute citations in a text (unknown laws/articles are flagged)',
  async run(args, io) {
    const { values, positionals } = parse(
      args,
      { 'data-dir': { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } },
      citeUsage,
      true,
    );
    const text = positionals.length ? positionals.join(' ') : await io.readStdin();
    const backend = await createBackend({ dataDir: dataDirFrom(values['data-dir']), mode: 'test', log: silentLogger });
    try {
      const r = await call<{ citations: Array<{ raw: string; status: string; law: { title: string; version: string } | null; articles: Array<{ number: number; status: string; text: string | null; note: string }> }> }>(
        backend,
        io,
        'statutes.cite',
        { text, ...(values['as-of'] ? { asOf: values['as-of'] } : {}) },
      );
      if ('code' in r) return r.code;
      if (values.json) io.out(JSON.stringify(r.value));
      else {
        if (r.value.citations.length === 0) io.out('No citations found (《法名》第X条, or a known short name such as 民法典第675条).');
        for (const c of r.value.citations) {
          io.out(`${c.raw} → ${c.law ? `${c.law.title} (${c.law.version || '—'})` : '未知法律'} [${c.status}]`);
          for (const a of c.articles) io.out(`  第${a.number}条 [${a.status}] ${a.text ? a.text.slice(0, 80) : a.note}`);
        }
      }
      return 0;
    } finally {
      await backend.close();
    }
  },
};

export const precedentCommands: readonly Command[] = [importPrecedents, searchPrecedents, evalLecardCommand, importStatutesCommand, citeCommand];
