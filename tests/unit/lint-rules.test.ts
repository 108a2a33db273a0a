import { ESLint } from 'eslint';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

async function ruleIdsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

/** The folder rules of architecture.md §3 must actually fire: each case here is a wrong import. */
describe('folder import rules', () => {
  it.each([
    ['shared/rules/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['shared/rules/x.ts', "import path from 'path';\nexport const x = path;"],
    ['shared/rules/x.ts', "import React from 'react';\nexport const x = React;"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;"],
    ['renderer/src/x.ts', "import fs from 'node:fs';\nexport const x = fs;"],
    ['renderer/src/x.ts', "import { openDatabase } from '../../electron/backend/store/db';\nexport const x = openDatabase;"],
    ['electron/backend/x.ts', "import { app } from 'electron';\nexport const x = app;"],
    ['electron/cli/x.ts', "import { Button } from 'antd';\nexport const x = Button;"],
    ['electron/main/x.ts', "import Database from 'better-sqlite3';\nexport const x = Database;"],
    ['electron/main/x.ts', "import { getLlama } from 'node-llama-cpp';\nexport const x = getLlama;"],
    ['electron/preload/x.ts', "import { z } from 'zod';\nexport const x = z;"],
  ])('%s refuses: %s', async (file, code) => {
    expect(await ruleIdsFor(file, code)).toContain('no-restricted-imports');
  });

  it.each([
    ['shared/rules/x.ts', "import { z } from 'zod';\nexport const x = z;"],
    ['electron/backend/x.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;"],
    ['renderer/src/x.ts', "import { methods } from '../../shared/contract/methods';\nexport const x = methods;"],
  ])('%s allows: %s', async (file, code) => {
    expect(await ruleIdsFor(file, code)).not.toContain('no-restricted-imports');
  });
});
