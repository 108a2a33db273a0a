#!/usr/bin/env node
'use strict';
// `npm test`: everything a change must pass, in the order that fails fastest.
// typecheck → lint → build (E2E drives the built app) → vitest (unit, store, renderer, llm, e2e)
// → Electron security scan. Prints one closing line "tests: N passed, N failed, N skipped".
const { spawnSync } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const outDir = join(root, 'test-output');
mkdirSync(outDir, { recursive: true });
const only = process.argv.slice(2);

function step(name, cmd, args, env = {}) {
  if (only.length && !only.includes(name)) return;
  const t0 = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${name} failed after ${secs}s`);
    summarise();
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${name} (${secs}s)`);
}

function summarise() {
  const file = join(outDir, 'vitest.json');
  if (!existsSync(file)) return;
  try {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    console.log(`\ntests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
  } catch {
    // A half-written report is not worth a second failure message.
  }
}

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
step('typecheck', 'npm', ['run', '-s', 'typecheck']);
step('lint', 'npm', ['run', '-s', 'lint']);
step('build', npx, ['electron-vite', 'build']);
step('vitest', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(outDir, 'vitest.json')}`]);
step('security', 'node', [join(root, 'scripts', 'electronegativity.cjs')]);
summarise();
