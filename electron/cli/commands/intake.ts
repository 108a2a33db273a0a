import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { z } from 'zod';
import { DeadlineCalcInput, FeeCalcInput } from '../../../shared/contract/intake';
import { MAX_DOCUMENT_BYTES } from '../../../shared/contract/cases';
import { AppError } from '../../../shared/contract/result';
import { parseCaseNumber } from '../../../shared/rules/caseNumber';
import { extractComplaint } from '../../../shared/rules/complaint';
import { computeDeadline } from '../../../shared/rules/deadlines';
import { DEFAULT_CALENDAR } from '../../../shared/rules/defaultCalendar';
import { computeFee } from '../../../shared/rules/fees';
import { parseAmount } from '../../../shared/rules/money';
import { issuesOf } from '../../../shared/contract/validation';
import { extractText } from '../../backend/documents/extract';
import { ruleCall } from '../../backend/intake/errors';
import { parse, type Command } from '../io';

/** The same validation as the API: the CLI gives the same clear message for the same bad input. */
function validate<S extends z.ZodType>(schema: S, input: unknown, usage: string): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const first = issuesOf(r.error)[0];
  throw new AppError('BAD_INPUT', `Invalid input: ${first?.path || '(input)'} ${first?.message ?? ''}\nUsage: ${usage}`);
}

function int(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new AppError('BAD_INPUT', `--${name} must be a whole number, got "${value}"`);
  return Number(value);
}

const feeUsage =
  'courtdesk fee --kind KIND [--amount YUAN] [--procedure ordinary|simplified|small-claims] [--closing judgment|mediation|withdrawal] [--counterclaim] [--admin-category trademark-patent-maritime|other] [--json]';
export const fee: Command = {
  name: 'fee',
  usage: feeUsage,
  summary: 'Court fee (诉讼费用交纳办法 arts. 13–18) with the tier-by-tier computation',
  async run(args, io) {
    const { values } = parse(
      args,
      {
        kind: { type: 'string' },
        amount: { type: 'string' },
        procedure: { type: 'string' },
        closing: { type: 'string' },
        counterclaim: { type: 'boolean' },
        'admin-category': { type: 'string' },
        json: { type: 'boolean' },
      },
      feeUsage,
    );
    const input = validate(
      FeeCalcInput,
      {
        kind: values.kind,
        ...(values.amount !== undefined ? { amount: values.amount } : {}),
        ...(values.procedure !== undefined ? { procedure: values.procedure } : {}),
        ...(values.closing !== undefined ? { closing: values.closing } : {}),
        ...(values.counterclaim ? { joinedCounterclaim: true } : {}),
        ...(values['admin-category'] !== undefined ? { administrativeCategory: values['admin-category'] } : {}),
      },
      feeUsage,
    );
    const amount = input.amount === undefined ? null : ruleCall('amount', () => parseAmount(input.amount as string));
    const r = ruleCall('amount', () =>
      computeFee({
        kind: input.kind,
        amount,
        ...(input.procedure ? { procedure: input.procedure } : {}),
        ...(input.closing ? { closing: input.closing } : {}),
        ...(input.joinedCounterclaim ? { joinedCounterclaim: true } : {}),
        ...(input.administrativeCategory ? { administrativeCategory: input.administrativeCategory } : {}),
      }),
    );
    if (values.json) io.out(JSON.stringify(r));
    else {
      for (const s of r.steps) io.out(`  ${s.tier.padEnd(28)} ${s.base.padStart(16)} × ${s.rate.padEnd(6)} = ${s.amount}`);
      io.out(`${r.halved ? `全额 ${r.fullFee} 元，减半 ` : ''}应交 ${r.fee} 元  (${r.article})`);
    }
    return 0;
  },
};

const deadlineUsage =
  'courtdesk deadline --kind KIND --start YYYY-MM-DD [--procedure ordinary|simplified|small-claims|second-instance|special] [--days N] [--months N] [--extension-months N] [--foreign] [--as-of YYYY-MM-DD] [--json]';
export const deadline: Command = {
  name: 'deadline',
  usage: deadlineUsage,
  summary: 'A procedural deadline by CPL art. 85 with the 2024–2026 holiday calendars, explained step by step',
  async run(args, io) {
    const { values } = parse(
      args,
      {
        kind: { type: 'string' },
        start: { type: 'string' },
        procedure: { type: 'string' },
        days: { type: 'string' },
        months: { type: 'string' },
        'extension-months': { type: 'string' },
        foreign: { type: 'boolean' },
        'as-of': { type: 'string' },
        json: { type: 'boolean' },
      },
      deadlineUsage,
    );
    const input = validate(
      DeadlineCalcInput,
      {
        kind: values.kind,
        start: values.start,
        ...(values.procedure !== undefined ? { procedure: values.procedure } : {}),
        ...(values.days !== undefined ? { days: int(values.days, 'days') } : {}),
        ...(values.months !== undefined ? { months: int(values.months, 'months') } : {}),
        ...(values['extension-months'] !== undefined ? { extensionMonths: int(values['extension-months'], 'extension-months') } : {}),
        ...(values.foreign ? { foreignDomicile: true } : {}),
        ...(values['as-of'] !== undefined ? { asOf: values['as-of'] } : {}),
      },
      deadlineUsage,
    );
    const r = ruleCall('start', () => computeDeadline(input, { calendar: DEFAULT_CALENDAR }));
    if (values.json) io.out(JSON.stringify(r));
    else {
      for (const s of r.steps) io.out(`  ${s.zh}`);
      for (const w of r.warnings) io.out(`  ! ${w.zh}`);
      io.out(`届满日 ${r.due}  (${r.article})`);
    }
    return 0;
  },
};

const caseNumberUsage = 'courtdesk case-number parse  < numbers.txt   (one case number per line)';
export const caseNumberParse: Command = {
  name: 'case-number parse',
  usage: caseNumberUsage,
  summary: 'Parse case numbers (案号) from stdin, one JSON line each',
  async run(args, io) {
    parse(args, {}, caseNumberUsage);
    const text = await io.readStdin();
    for (const line of text.split(/\r?\n/)) {
      const input = line.trim();
      if (input === '') continue;
      const p = parseCaseNumber(input);
      io.out(JSON.stringify({ input, valid: p.valid, year: p.year, court: p.court, type: p.type, seq: p.seq, legacy: p.legacy }));
    }
    return 0;
  },
};

const extractUsage = 'courtdesk extract FILE [--json]   (.docx, .pdf with a text layer, or .txt)';
export const extract: Command = {
  name: 'extract',
  usage: extractUsage,
  summary: 'Extract a complaint (起诉状): parties, claims, amounts, … with source spans',
  async run(args, io) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } }, extractUsage, true);
    const file = positionals[0];
    if (file === undefined || positionals.length > 1) throw new AppError('BAD_INPUT', `Give exactly one file\nUsage: ${extractUsage}`);
    const path = resolve(file);
    const info = await stat(path).catch(() => null);
    if (info === null || !info.isFile()) throw new AppError('BAD_INPUT', `${file}: no such file`);
    if (info.size > MAX_DOCUMENT_BYTES) throw new AppError('TOO_LARGE', `${file} is larger than 50 MB; split it and try again`);
    const extracted = await extractText(await readFile(path), basename(path));
    if (extracted.note) io.err(`${basename(path)}: ${extracted.note}`);
    const e = extractComplaint(extracted.text);
    if (values.json) io.out(JSON.stringify(e));
    else {
      for (const p of e.parties) io.out(`${p.role.value}\t${p.name.value}\t${p.address?.value ?? ''}`);
      for (const c of e.claims) io.out(`${c.seq}. ${c.text.value}${c.amount ? `  [${c.amount.yuan} 元]` : ''}`);
      if (e.court) io.out(`此致 ${e.court.value}`);
      for (const n of e.notes) io.out(`! ${n.zh}`);
    }
    return 0;
  },
};

export const intakeCommands: readonly Command[] = [fee, deadline, caseNumberParse, extract];
