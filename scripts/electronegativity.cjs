#!/usr/bin/env node
'use strict';
/**
 * Electron security scan (`npm run security`, also part of `npm test`).
 *
 * Runs @doyensec/electronegativity over the Electron sources (electron/) and, when built, the
 * bundles Electron actually loads (out/main, out/preload). The tool exits 0 even when it finds
 * problems (and prints network errors when offline), so this script reads its SARIF report and
 * fails on every finding that scripts/electronegativity-allow.json does not justify. Stale
 * justifications (entries that match nothing any more) fail too, so the list stays honest.
 *
 * Output: test-output/electronegativity.sarif (the tool's report) and a one-line summary.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'test-output');
const STAGE = path.join(OUT_DIR, 'electronegativity-input');
const REPORT = path.join(OUT_DIR, 'electronegativity.sarif');
const ALLOW = path.join(__dirname, 'electronegativity-allow.json');

/** What is scanned, repo-relative; out/ only when it has been built. */
const INPUTS = [
  { dir: 'electron', ext: ['.ts'] },
  { dir: 'out/main', ext: ['.js'] },
  { dir: 'out/preload', ext: ['.js'] },
];

function copyTree(from, to, exts) {
  let count = 0;
  if (!fs.existsSync(from)) return 0;
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) count += copyTree(src, dst, exts);
    else if (exts.includes(path.extname(entry.name))) {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, dst);
      count += 1;
    }
  }
  return count;
}

/**
 * One staging folder keeps the repo-relative paths in the report and needs one run of the tool
 * (each run spends seconds on start-up).
 */
function stage() {
  fs.rmSync(STAGE, { recursive: true, force: true });
  const scanned = [];
  for (const input of INPUTS) {
    const n = copyTree(path.join(ROOT, input.dir), path.join(STAGE, input.dir), input.ext);
    if (n > 0) scanned.push(`${input.dir} (${n})`);
  }
  return scanned;
}

function loadAllowList() {
  const raw = JSON.parse(fs.readFileSync(ALLOW, 'utf8'));
  const allowed = (raw.allowed || []).map((e) => {
    if (!e.check || !Array.isArray(e.files) || !e.reason) {
      throw new Error(`${ALLOW}: every allowed entry needs "check", "files" and "reason"`);
    }
    return { check: e.check, files: e.files, used: false };
  });
  return allowed;
}

function electronVersion() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
}

function runTool() {
  const bin = require.resolve('@doyensec/electronegativity/dist/index.js', { paths: [ROOT] });
  fs.rmSync(REPORT, { force: true });
  const args = [bin, '-i', STAGE, '-r', '-v', 'false', '-e', electronVersion(), '-o', REPORT];
  const res = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  const output = `${res.stdout || ''}${res.stderr || ''}`;
  if (res.status !== 0 || !fs.existsSync(REPORT)) {
    console.error(output.trim());
    throw new Error(`electronegativity failed (exit ${res.status}) or wrote no report`);
  }
  // A file it cannot parse is silently skipped otherwise: treat that as a failure.
  const parseErrors = output.split('\n').filter((l) => /error (while )?parsing|unable to parse|SyntaxError/i.test(l));
  if (parseErrors.length > 0) throw new Error(`electronegativity could not parse some files:\n${parseErrors.join('\n')}`);
}

/** Findings from the SARIF report as { check, file, line, message }. */
function readFindings() {
  const sarif = JSON.parse(fs.readFileSync(REPORT, 'utf8'));
  const findings = [];
  for (const run of sarif.runs || []) {
    for (const result of run.results || []) {
      const loc = (result.locations || [])[0];
      const phys = loc && loc.physicalLocation;
      const raw = phys && phys.artifactLocation ? String(phys.artifactLocation.uri) : '';
      // Global checks report no file (CSV: "N/A"; SARIF: "file:///").
      const uri = raw === '' || raw === 'file:///' || raw === 'N/A' ? 'N/A' : raw;
      findings.push({
        check: result.ruleId,
        file: uri.replace(/\\/g, '/').replace(/^\.\//, ''),
        line: phys && phys.region ? phys.region.startLine : 0,
        message: result.message && result.message.text ? result.message.text : '',
      });
    }
  }
  return findings;
}

function main() {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const allowed = loadAllowList();
  const scanned = stage();
  if (scanned.length === 0) throw new Error('nothing to scan: electron/ is missing');
  runTool();
  const findings = readFindings();
  const unjustified = [];
  for (const f of findings) {
    const entry = allowed.find((a) => a.check === f.check && a.files.includes(f.file));
    if (entry) entry.used = true;
    else unjustified.push(f);
  }
  const stale = allowed.filter((a) => !a.used);
  for (const f of unjustified) console.error(`electronegativity: ${f.check} at ${f.file}:${f.line} — ${f.message}`);
  for (const a of stale) console.error(`electronegativity: allow-list entry ${a.check} (${a.files.join(', ')}) matched nothing; remove it`);
  const justified = findings.length - unjustified.length;
  console.log(
    `electronegativity: scanned ${scanned.join(', ')}; ${findings.length} findings, ${justified} justified, ` +
      `${unjustified.length} unjustified, ${stale.length} stale allow-list entries (report: ${path.relative(ROOT, REPORT)})`,
  );
  fs.rmSync(STAGE, { recursive: true, force: true });
  if (unjustified.length > 0 || stale.length > 0) process.exit(1);
}

try {
  main();
} catch (err) {
  console.error(`electronegativity: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
