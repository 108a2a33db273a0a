import { resolve } from 'node:path';
import type { CaseList } from '../../../shared/contract/cases';
import { createBackend } from '../../backend/backend';
import { dispatch } from '../../backend/dispatch';
import { consoleLogger, silentLogger } from '../../backend/log';
import { backupFile, dbPathFor, latestVersion, peekSchemaVersion } from '../../backend/store/db';
import { dataDirFrom, parse, type Command } from '../io';

const backupUsage = 'courtdesk backup --out FILE [--data-dir DIR]';
export const backup: Command = {
  name: 'backup',
  usage: backupUsage,
  summary: 'Make a consistent copy of the database (safe while the app runs)',
  async run(args, io) {
    const { values } = parse(args, { 'data-dir': { type: 'string' }, out: { type: 'string' } }, backupUsage);
    if (!values.out) {
      io.err(`--out FILE is required\nUsage: ${backupUsage}`);
      return 2;
    }
    const src = dbPathFor(dataDirFrom(values['data-dir']));
    const target = resolve(values.out);
    const pages = await backupFile(src, target);
    io.out(JSON.stringify({ from: src, to: target, pages }));
    return 0;
  },
};

const migrateUsage = 'courtdesk db migrate [--data-dir DIR]';
export const dbMigrate: Command = {
  name: 'db migrate',
  usage: migrateUsage,
  summary: 'Bring the database schema up to date (backs the file up first)',
  async run(args, io) {
    const { values } = parse(args, { 'data-dir': { type: 'string' } }, migrateUsage);
    const dataDir = dataDirFrom(values['data-dir']);
    const before = peekSchemaVersion(dbPathFor(dataDir));
    const backend = await createBackend({ dataDir, mode: 'test', log: consoleLogger('db') });
    await backend.close();
    io.out(JSON.stringify({ database: dbPathFor(dataDir), from: before ?? 0, to: latestVersion() }));
    return 0;
  },
};

const samplesUsage = 'courtdesk samples load [--data-dir DIR]';
export const samplesLoad: Command = {
  name: 'samples load',
  usage: samplesUsage,
  summary: 'Load the fictional sample cases (idempotent)',
  async run(args, io) {
    const { values } = parse(args, { 'data-dir': { type: 'string' } }, samplesUsage);
    const backend = await createBackend({ dataDir: dataDirFrom(values['data-dir']), mode: 'test', log: silentLogger });
    try {
      const result = await backend.handlers['samples.load']({});
      await backend.handlers['settings.update']({ samplesChoice: 'loaded' });
      io.out(JSON.stringify(result));
      return 0;
    } finally {
      await backend.close();
    }
  },
};

const listUsage =
  'courtdesk cases list [--data-dir DIR] [--query TEXT] [--status active|archived|all] [--page N] [--page-size N] [--json]';
export const casesList: Command = {
  name: 'cases list',
  usage: listUsage,
  summary: 'List cases (JSON with --json)',
  async run(args, io) {
    const { values } = parse(
      args,
      {
        'data-dir': { type: 'string' },
        query: { type: 'string' },
        status: { type: 'string' },
        page: { type: 'string' },
        'page-size': { type: 'string' },
        json: { type: 'boolean' },
      },
      listUsage,
    );
    const backend = await createBackend({ dataDir: dataDirFrom(values['data-dir']), mode: 'test', log: silentLogger });
    try {
      const input = {
        query: values.query ?? '',
        status: values.status ?? 'active',
        page: values.page === undefined ? 1 : Number(values.page),
        pageSize: values['page-size'] === undefined ? 50 : Number(values['page-size']),
      };
      // The same validation as every other transport: bad options get the same clear message.
      const result = await dispatch(backend.handlers, 'cases.list', input, silentLogger);
      if (!result.ok) {
        io.err(result.error.message);
        return 2;
      }
      const list = result.value as CaseList;
      if (values.json) io.out(JSON.stringify(list));
      else {
        for (const c of list.items) {
          io.out(`${c.caseNumber || '(未编号)'}\t${c.causeOfAction}\t${c.plaintiffs.join('、')} 诉 ${c.defendants.join('、')}\t${c.stage}`);
        }
        io.out(`${list.items.length} of ${list.total}`);
      }
      return 0;
    } finally {
      await backend.close();
    }
  },
};
