/**
 * Build and packaging configuration of the desktop shell, checked without Electron:
 *  - what electron/main, electron/preload and the host may import (a sandboxed preload that
 *    `require`s an npm package, or a host that imports 'electron', only fails at run time);
 *  - electron.vite.config.ts produces the entries main expects (out/main/{index,host,cli}.js, CJS);
 *  - electron-builder.yml passes electron-builder's own schema validation (packaging cannot run here).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const requireHere = createRequire(import.meta.url);

function tsFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

interface ImportRef {
  readonly spec: string;
  readonly typeOnly: boolean;
}

/** Module specifiers of static imports/exports, dynamic import() and require(). */
function importsOf(file: string): ImportRef[] {
  const src = readFileSync(join(ROOT, file), 'utf8');
  const refs: ImportRef[] = [];
  const stmt = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm;
  for (const m of src.matchAll(stmt)) refs.push({ spec: m[3] ?? '', typeOnly: Boolean(m[2]) });
  for (const m of src.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) refs.push({ spec: m[1] ?? '', typeOnly: false });
  for (const m of src.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) refs.push({ spec: m[1] ?? '', typeOnly: false });
  return refs;
}

/** Repo-relative target of a relative import ('.ts' added), or the bare specifier. */
function target(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec;
  return `${relative(ROOT, resolve(ROOT, dirname(file), spec)).split('\\').join('/')}.ts`;
}

describe('import boundaries of the desktop shell', () => {
  it('the preload bundles nothing but its own files and the contract name lists', () => {
    const allowedRuntime = new Set(['electron', 'shared/contract/names.ts', 'shared/contract/shellNames.ts']);
    for (const file of tsFiles('electron/preload')) {
      for (const ref of importsOf(file)) {
        const to = target(file, ref.spec);
        if (to.startsWith('electron/preload/')) continue;
        if (ref.typeOnly) {
          expect(to.startsWith('shared/contract/') || to === 'electron', `${file} imports type ${to}`).toBe(true);
        } else {
          expect(allowedRuntime.has(to), `${file} imports ${to} at run time`).toBe(true);
        }
      }
    }
  });

  it('the contract name lists import only types (so the preload bundles no zod)', () => {
    for (const file of ['shared/contract/names.ts', 'shared/contract/shellNames.ts']) {
      for (const ref of importsOf(file)) expect(ref.typeOnly, `${file}: ${ref.spec}`).toBe(true);
    }
  });

  it('main imports no database, model or renderer code', () => {
    for (const file of tsFiles('electron/main')) {
      for (const ref of importsOf(file)) {
        const to = target(file, ref.spec);
        expect(/^(better-sqlite3|node-llama-cpp)/.test(to), `${file} imports ${to}`).toBe(false);
        expect(to.startsWith('renderer/'), `${file} imports ${to}`).toBe(false);
        if (to.startsWith('electron/backend/')) expect(to, `${file} imports backend code`).toBe('electron/backend/hostProtocol.ts');
      }
    }
  });

  it('the backend host never imports electron', () => {
    for (const file of ['electron/backend/host.ts', 'electron/backend/hostCore.ts', 'electron/backend/hostProtocol.ts']) {
      for (const ref of importsOf(file)) expect(ref.spec, file).not.toMatch(/^electron(\/|$)/);
    }
  });
});

describe('electron-vite build', () => {
  it('builds main, host and cli as CommonJS entries and a dependency-free CommonJS preload', async () => {
    const { default: config } = (await import('../../electron.vite.config')) as {
      default: {
        main: { build: { rolldownOptions: { input: Record<string, string>; output: { format: string } } } };
        preload: { build: { externalizeDeps: boolean; rolldownOptions: { input: Record<string, string>; output: { format: string } } } };
        renderer: { root: string; build: { outDir: string } };
      };
    };
    const main = config.main.build.rolldownOptions;
    expect(Object.keys(main.input).sort()).toEqual(['cli', 'host', 'index', 'precedentsWorker']);
    expect(relative(ROOT, main.input['host'] ?? '')).toBe(join('electron', 'backend', 'host.ts'));
    expect(main.output.format).toBe('cjs');
    expect(config.preload.build.rolldownOptions.output.format).toBe('cjs');
    expect(config.preload.build.externalizeDeps).toBe(false);
    expect(relative(ROOT, config.renderer.build.outDir)).toBe(join('out', 'renderer'));
  });
});

describe('electron-builder configuration', () => {
  interface BuilderConfig {
    readonly asarUnpack?: readonly string[];
    readonly npmRebuild?: boolean;
    readonly beforePack?: string;
    readonly extraResources?: ReadonlyArray<{ from: string; to: string }>;
    readonly electronFuses?: Record<string, boolean>;
    readonly publish?: unknown;
  }
  const appBuilder = requireHere('app-builder-lib/out/util/config/config') as {
    getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
    validateConfiguration(config: BuilderConfig, debug: unknown): Promise<void>;
  };
  const { DebugLogger } = requireHere('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

  it('passes electron-builder schema validation', async () => {
    const config = await appBuilder.getConfig(ROOT, null, null);
    await expect(appBuilder.validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('ships native code unpacked, the Electron SQLite binding as a resource, and hardened fuses', async () => {
    const config = await appBuilder.getConfig(ROOT, null, null);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining(['**/node_modules/node-llama-cpp/**', '**/node_modules/@node-llama-cpp/**', '**/*.node']),
    );
    expect(config.npmRebuild).toBe(false);
    expect(config.publish).toBeNull();
    expect(config.extraResources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'resources', to: 'resources' }),
        expect.objectContaining({ to: 'native/better_sqlite3.node' }),
      ]),
    );
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true, enableNodeOptionsEnvironmentVariable: false });
    // The staging path the hook writes is the one extraResources copies.
    const native = requireHere(join(ROOT, 'scripts', 'electron-native.cjs')) as { STAGED: string; beforePack: unknown };
    expect(typeof native.beforePack).toBe('function');
    expect(config.beforePack).toBe('./scripts/electron-native.cjs');
    const staged = config.extraResources?.find((r) => r.to === 'native/better_sqlite3.node');
    expect(resolve(ROOT, staged?.from ?? '')).toBe(native.STAGED);
  });
});
