import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { Settings, type SettingsPatch } from '../../../shared/contract/app';
import { CaseInput } from '../../../shared/contract/cases';
import type { Handlers, Parsed } from '../../../shared/contract/methods';
import { AppError } from '../../../shared/contract/result';
import type { BackendContext } from '../context';
import { backupDatabase, schemaVersion, type Db } from '../store/db';
import { writeAudit } from '../store/repos/audit';
import { caseNumberTaken, countCases, hasSampleKey, insertCase } from '../store/repos/cases';
import { readSetting, writeSetting } from '../store/repos/settings';

type AppMethods = 'app.info' | 'settings.get' | 'settings.update' | 'app.backup' | 'samples.load' | 'ops.cancel';

export function defaultSettings(userName: string): Settings {
  return { language: 'zh-CN', userName, court: { name: '', code: '' }, samplesChoice: 'pending', extensionReminderDays: 30 };
}

export function readSettings(db: Db, fallbackUser: string): Settings {
  const stored = readSetting(db, 'app');
  const merged = { ...defaultSettings(fallbackUser), ...(typeof stored === 'object' && stored !== null ? stored : {}) };
  const parsed = Settings.safeParse(merged);
  // A hand-edited or older settings row must not stop the app from opening.
  return parsed.success ? parsed.data : defaultSettings(fallbackUser);
}

const SampleFile = z.object({ cases: z.array(z.object({ key: z.string().min(1).max(64), case: CaseInput })) });

export function loadSamples(ctx: BackendContext): { inserted: number; skipped: number } {
  const path = join(ctx.resourcesDir, 'samples', 'cases.json');
  const parsed = SampleFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new AppError('INTERNAL', `Sample file ${path} does not match the case schema`);
  const now = ctx.now();
  let inserted = 0;
  let skipped = 0;
  ctx.db.transaction(() => {
    for (const s of parsed.data.cases) {
      // Idempotent by sample key; a sample whose number a real case took since is skipped, not forced.
      if (hasSampleKey(ctx.db, s.key) || caseNumberTaken(ctx.db, s.case.caseNumber)) {
        skipped++;
        continue;
      }
      const id = insertCase(ctx.db, s.case, now, s.key);
      writeAudit(ctx.db, {
        at: now,
        actor: ctx.actor(),
        action: 'case.create',
        entity: 'case',
        entityId: id,
        caseId: id,
        detail: { sample: s.key },
      });
      inserted++;
    }
  })();
  if (inserted) ctx.events.emit('cases.changed', { caseId: null });
  return { inserted, skipped };
}

function backupName(now: number): string {
  const d = new Date(now);
  const p = (n: number) => String(n).padStart(2, '0');
  return `courtdesk-${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}.db`;
}

export function appHandlers(ctx: BackendContext, fallbackUser: string): Pick<Handlers, AppMethods> {
  const { db } = ctx;
  return {
    'app.info': () => ({
      version: ctx.version,
      mode: ctx.mode,
      dataDir: ctx.dataDir,
      dbPath: ctx.dbPath,
      schemaVersion: schemaVersion(db),
      caseCount: countCases(db),
    }),
    'settings.get': () => readSettings(db, fallbackUser),
    'settings.update': (patch: Parsed<'settings.update'>) => {
      const before = readSettings(db, fallbackUser);
      const next: Settings = { ...before, ...(patch satisfies SettingsPatch) };
      db.transaction(() => {
        writeSetting(db, 'app', next);
        const changedKeys = Object.keys(patch).filter(
          (k) => JSON.stringify(before[k as keyof Settings]) !== JSON.stringify(next[k as keyof Settings]),
        );
        if (changedKeys.length) {
          writeAudit(db, {
            at: ctx.now(),
            actor: next.userName,
            action: 'settings.update',
            entity: 'settings',
            entityId: 'app',
            caseId: null,
            detail: { changed: changedKeys },
          });
        }
      })();
      return next;
    },
    'app.backup': async () => {
      const target = join(ctx.dataDir, 'backups', backupName(ctx.now()));
      await backupDatabase(db, target);
      const { statSync } = await import('node:fs');
      return { path: target, bytes: statSync(target).size };
    },
    'samples.load': () => loadSamples(ctx),
    'ops.cancel': ({ opId }) => ({ cancelled: ctx.ops.cancel(opId) }),
  };
}
