#!/usr/bin/env node
'use strict';
// The `courtdesk` command. It runs the built CLI (out/main/cli.js), which `npm ci` produces
// through the `prepare` script; sources are TypeScript and are not run directly.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  console.error('CourtDesk is not built yet: run `npm run build` (npm ci does it for you), then try again.');
  process.exit(1);
}
require(cli).main(process.argv.slice(2));
