#!/usr/bin/env node
'use strict';
/**
 * `npm start`: the desktop app when Electron is installed, browser mode otherwise.
 *
 * Desktop: builds out/ when missing or older than the sources, prepares better-sqlite3 for
 * Electron's ABI beside node_modules (scripts/electron-native.cjs; the Node build that tests use
 * stays untouched) and launches `electron .` with COURTDESK_SQLITE_BINDING pointing at it.
 *
 * Browser mode: the Electron binary cannot be downloaded on some machines (ours among them), so
 * `courtdesk serve` runs the same backend and renderer on 127.0.0.1 and we open the printed URL.
 *
 * Arguments after `npm start --` go to `courtdesk serve` in browser mode (e.g. --data-dir, --port).
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const SOURCES = ['electron', 'renderer', 'shared', 'electron.vite.config.ts', 'package.json'];

/**
 * The Electron executable, or null. Deliberately not `require('electron')`: when the binary is
 * missing, that call tries to download it and throws on an offline machine.
 */
function electronBinary() {
  const pkgDir = path.join(ROOT, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  // path.txt is written by electron's install script once the binary is downloaded; an
  // ELECTRON_OVERRIDE_DIST_PATH (a locally provided Electron, as the electron package honours) works without it.
  const defaultRel = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' }[process.platform] || 'electron';
  const rel = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : process.env.ELECTRON_OVERRIDE_DIST_PATH ? defaultRel : '';
  if (!rel) return null;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkgDir, 'dist');
  const exe = path.join(distDir, rel);
  return fs.existsSync(exe) ? exe : null;
}

function newestMtime(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) {
    if (name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/** Builds out/ if any output is missing or any source is newer than the last build. */
function ensureBuild() {
  const outputs = ['out/main/index.js', 'out/main/host.js', 'out/main/cli.js', 'out/preload/index.js', 'out/renderer/index.html'];
  const built = Math.min(...outputs.map((f) => newestMtime(path.join(ROOT, f))));
  const sources = Math.max(...SOURCES.map((f) => newestMtime(path.join(ROOT, f))));
  if (built > 0 && built >= sources) return;
  console.error('Building CourtDesk (electron-vite build)…');
  const cli = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const res = spawnSync(process.execPath, [cli, 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(res.status || 1);
  }
}

/** Runs `child` in the foreground: Ctrl+C / SIGTERM go to it, its exit code becomes ours. */
function foreground(child) {
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startDesktop(exe, binding) {
  const env = { ...process.env, COURTDESK_SQLITE_BINDING: binding };
  // Would turn Electron into plain Node and skip the app entirely.
  delete env.ELECTRON_RUN_AS_NODE;
  foreground(spawn(exe, ['.'], { cwd: ROOT, env, stdio: 'inherit' }));
}

/** The command that opens a URL in the default browser here, or null (e.g. a headless server). */
function opener() {
  if (process.env.COURTDESK_NO_OPEN || process.env.CI) return null;
  if (process.platform === 'darwin') return { cmd: 'open', args: [] };
  if (process.platform === 'win32') return { cmd: 'cmd', args: ['/c', 'start', '""'] };
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return null;
  const found = spawnSync('sh', ['-c', 'command -v xdg-open'], { encoding: 'utf8' });
  return found.status === 0 ? { cmd: 'xdg-open', args: [] } : null;
}

function openUrl(url) {
  const how = opener();
  if (!how) return;
  try {
    const child = spawn(how.cmd, [...how.args, url], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined); // no browser: the printed URL is enough
    child.unref();
  } catch {
    // Same: opening is a convenience, never a reason to fail.
  }
}

function startBrowserMode(extraArgs) {
  const bin = path.join(ROOT, 'bin', 'courtdesk.cjs');
  const child = spawn(process.execPath, [bin, 'serve', ...extraArgs], { cwd: ROOT, stdio: ['inherit', 'pipe', 'inherit'] });
  let opened = false;
  let pending = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (opened) return;
    pending += chunk;
    const match = /https?:\/\/127\.0\.0\.1:\d+\/\S*/.exec(pending);
    if (match) {
      opened = true;
      openUrl(match[0]);
    }
  });
  foreground(child);
}

function main() {
  const extraArgs = process.argv.slice(2);
  const exe = electronBinary();
  if (!exe) {
    console.log('Electron is not installed on this machine (its binary could not be downloaded); starting CourtDesk in browser mode instead.');
    ensureBuild();
    startBrowserMode(extraArgs);
    return;
  }
  ensureBuild();
  let binding;
  try {
    binding = require('./electron-native.cjs').prepareSqliteBinding();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    console.log('The database module could not be prepared for Electron; starting CourtDesk in browser mode instead.');
    startBrowserMode(extraArgs);
    return;
  }
  startDesktop(exe, binding);
}

main();
