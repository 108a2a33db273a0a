#!/usr/bin/env node
'use strict';
// Runs on `npm ci` / `npm install`: builds the app so `npx courtdesk …` works straight after
// installing. A failed build must not fail the install (the developer sees the error and can
// run `npm run build`), but it is reported loudly.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
if (!existsSync(join(root, 'node_modules', 'electron-vite'))) process.exit(0); // production install: nothing to build
const r = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], {
  cwd: root,
  stdio: 'inherit',
});
if (r.status !== 0) console.error('CourtDesk build failed during install; run `npm run build` to see why.');
