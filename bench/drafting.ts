/**
 * Drafting benchmark (npm run bench): .docx export of a ~30-page judgment (a long 本院查明), median
 * of several runs, next to a 3-page judgment measured in the same run (the machines are shared and
 * noisy). Also counts the pages LibreOffice lays out when it is installed, to show the size is real.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend } from '../electron/backend/backend';
import { silentLogger } from '../electron/backend/log';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const RUNS = 9;

/** ~28 characters × 22 lines ≈ 600 characters a page; 30 pages of findings ≈ 18,000 characters. */
function longFindings(chars: number): string {
  const para =
    '2025年1月10日，原告张明远通过银行转账向被告李清河支付50000元，被告当日出具借条一份，载明借款50000元，约定年利率6%，借期一年。借款到期后，原告多次催告，被告以资金周转困难为由未予归还。';
  const out: string[] = [];
  let n = 0;
  for (let i = 1; n < chars; i++) {
    const p = `（${i}）${para}`;
    out.push(p);
    n += p.length;
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'courtdesk-bench-drafting-'));
  const backend = await createBackend({ dataDir: dir, mode: 'test', log: silentLogger });
  try {
    const h = backend.handlers;
    console.log('CourtDesk drafting benchmark');
    console.log(`node ${process.version}, ${process.platform}/${process.arch}\n`);
    await h['samples.load']({});
    await h['settings.update']({ court: { name: '广东省深圳市南山区人民法院', code: '粤0305' } });
    const caseId = (await h['cases.list']({ query: '民初9001号', status: 'active', stage: null, sort: 'updatedAt', order: 'desc', page: 1, pageSize: 5 })).items[0]!.id;
    const short = await h['drafting.create']({ caseId, kind: 'judgment', options: {} });
    const long0 = await h['drafting.create']({ caseId, kind: 'judgment', options: {} });
    const findings = longFindings(16_000);
    const long = await h['drafting.updateSection']({ draftId: long0.id, version: long0.version, sectionId: 'findings', text: findings });

    const time = async (draftId: string) => {
      const t = performance.now();
      const r = await h['drafting.export']({ draftId });
      return { ms: performance.now() - t, bytes: r.bytes, b64: r.contentBase64 };
    };
    await time(short.id); // warm-up (module load, font table)
    const shortRuns: number[] = [];
    const longRuns: number[] = [];
    let longBytes = 0;
    let longB64 = '';
    for (let i = 0; i < RUNS; i++) {
      shortRuns.push((await time(short.id)).ms);
      const l = await time(long.id);
      longRuns.push(l.ms);
      longBytes = l.bytes;
      longB64 = l.b64;
    }
    const tp = performance.now();
    const pr = await h['drafting.proofread']({ draftId: long.id });
    const proofMs = performance.now() - tp;

    let pages = 'n/a (LibreOffice not installed)';
    const lo = spawnSync('libreoffice', ['--version'], { encoding: 'utf8' });
    if (lo.status === 0) {
      const docx = join(dir, 'long.docx');
      writeFileSync(docx, Buffer.from(longB64, 'base64'));
      spawnSync('libreoffice', [`-env:UserInstallation=file://${join(dir, 'lo')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, docx], {
        env: { ...process.env, FONTCONFIG_FILE: resolve(__dirname, '..', 'tests', 'fixtures', 'fonts.conf') },
      });
      const info = spawnSync('pdfinfo', [join(dir, 'long.pdf')], { encoding: 'utf8' }).stdout ?? '';
      pages = /Pages:\s+(\d+)/.exec(info)?.[1] ?? 'n/a';
    }
    console.log(`export, 3-page judgment:      median ${median(shortRuns).toFixed(1)} ms over ${RUNS} runs`);
    console.log(`export, long judgment:        median ${median(longRuns).toFixed(1)} ms over ${RUNS} runs (${findings.length} chars of 本院查明, ${longBytes} bytes, ${pages} pages in LibreOffice)`);
    console.log(`proofread, long judgment:     ${proofMs.toFixed(1)} ms (${pr.findings.length} findings)`);
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
