#!/usr/bin/env node
'use strict';
// `npm run bench`: runs every bench/*.ts with tsx, one after another (they measure time, so never in parallel).
const { spawnSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const { join } = require('node:path');

const dir = join(__dirname, '..', 'bench');
const pick = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && (pick.length === 0 || pick.some((p) => f.includes(p))));
let failed = 0;
for (const f of files.sort()) {
  console.log(`\n=== bench/${f} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
