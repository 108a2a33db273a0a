#!/usr/bin/env node
'use strict';
/**
 * better-sqlite3 for two runtimes on one machine (architecture §7).
 *
 * A native addon is compiled for one ABI: node_modules/better-sqlite3/build/Release holds the build
 * for the system Node, which tests, the CLI and `courtdesk serve` use. Electron's Node has another
 * ABI. Rebuilding node_modules in place (electron-rebuild, electron-builder's npmRebuild) would break
 * the tests until the next `npm rebuild`, and the reverse — so this script never touches it.
 * Instead it builds a second copy of the binding, for Electron, in a folder of its own:
 *
 *   node_modules/.courtdesk-electron/better-sqlite3-<v>-electron-<v>-<platform>-<arch>/better_sqlite3.node
 *
 * and the backend host loads it through better-sqlite3's `nativeBinding` option
 * (env COURTDESK_SQLITE_BINDING → createBackend({ nativeBinding })). Both builds live side by side,
 * so `npm test` and `npm start` work in either order.
 *
 * How the copy is made: the better-sqlite3 package (without build/) is copied to a work folder,
 * then `prebuild-install --runtime electron` fetches the maintainers' prebuilt binary for that
 * Electron version; if none can be fetched, `node-gyp rebuild` compiles it against Electron's
 * headers. Both need the network once (binary or headers); the result is cached per version.
 *
 * Used by:
 *   - scripts/start.cjs (npm start): prepareSqliteBinding() for this machine;
 *   - electron-builder.yml `beforePack`: builds for the target platform/arch and stages the file
 *     that `extraResources` ships as resources/native/better_sqlite3.node (main passes it to the host);
 *   - by hand: `node scripts/electron-native.cjs [--platform P] [--arch A]` prints the path.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const CACHE = path.join(ROOT, 'node_modules', '.courtdesk-electron');
/** Where beforePack puts the binding for electron-builder's extraResources (electron-builder.yml). */
const STAGED = path.join(CACHE, 'package', 'better_sqlite3.node');
const ELECTRON_HEADERS = 'https://electronjs.org/headers';

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function electronVersion() {
  return readJson(path.join(ROOT, 'node_modules', 'electron', 'package.json')).version;
}

function sqlitePackageDir() {
  return path.dirname(require.resolve('better-sqlite3/package.json', { paths: [ROOT] }));
}

function bindingPath(platform, arch) {
  const sqliteVersion = readJson(path.join(sqlitePackageDir(), 'package.json')).version;
  const name = `better-sqlite3-${sqliteVersion}-electron-${electronVersion()}-${platform}-${arch}`;
  return path.join(CACHE, name, 'better_sqlite3.node');
}

/**
 * The environment for the build tools without npm's build settings: run under `npm start`, npm
 * exports ~/.npmrc's `nodedir=/usr` as npm_config_nodedir, which would make node-gyp compile
 * against the system Node's headers — the very ABI we must avoid here.
 */
function buildEnv(platform, arch, target) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined) continue;
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|platform|build_from_source)$/i.test(k)) continue;
    env[k] = v;
  }
  env.npm_config_runtime = 'electron';
  env.npm_config_target = target;
  env.npm_config_arch = arch;
  env.npm_config_platform = platform;
  env.npm_config_disturl = ELECTRON_HEADERS;
  return env;
}

function run(label, args, cwd, env, log) {
  log(`[electron-native] ${label}`);
  const res = spawnSync(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (res.status === 0) return { ok: true, output: '' };
  // Keep the cause, drop node-gyp's boilerplate (System, command, cwd, versions).
  const output = `${res.stdout || ''}${res.stderr || ''}`
    .trim()
    .split('\n')
    .filter((line) => !/gyp ERR! (System|command|cwd|node -v|node-gyp -v|not ok|stack\s+at )/.test(line))
    .slice(-6)
    .join('\n');
  return { ok: false, output: output || String(res.error || `exit code ${res.status}`) };
}

/**
 * Returns the path of a better-sqlite3 binding built for this project's Electron version and the
 * given platform/arch, building it once if needed. Throws with a readable message when it cannot.
 */
function prepareSqliteBinding(options = {}) {
  const platform = options.platform || process.platform;
  const arch = options.arch || process.arch;
  const log = options.log || ((line) => console.error(line));
  const target = bindingPath(platform, arch);
  if (fs.existsSync(target) && fs.statSync(target).size > 0) return target;

  const version = electronVersion();
  const dir = path.dirname(target);
  const work = path.join(dir, 'work', 'better-sqlite3');
  fs.rmSync(path.join(dir, 'work'), { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const source = sqlitePackageDir();
  // Copy without build/: the Node-ABI binary must not be mistaken for the result.
  fs.cpSync(source, work, {
    recursive: true,
    filter: (src) => path.relative(source, src).split(path.sep)[0] !== 'build',
  });
  const env = buildEnv(platform, arch, version);
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  const tools = { paths: [source, ROOT] };
  const failures = [];

  const prebuild = run(
    `fetching the prebuilt better-sqlite3 for Electron ${version} (${platform}-${arch})`,
    [require.resolve('prebuild-install/bin.js', tools), '--runtime', 'electron', '--target', version, '--arch', arch, '--platform', platform],
    work,
    env,
    log,
  );
  if (!prebuild.ok) failures.push(`prebuild-install: ${prebuild.output}`);

  if (!fs.existsSync(built)) {
    if (platform !== process.platform) {
      failures.push(`node-gyp: cannot compile for ${platform} on ${process.platform}`);
    } else {
      const gyp = run(
        `compiling better-sqlite3 against Electron ${version} headers (a few minutes)`,
        [require.resolve('node-gyp/bin/node-gyp.js', tools), 'rebuild', '--release', `--target=${version}`, `--arch=${arch}`, `--dist-url=${ELECTRON_HEADERS}`],
        work,
        env,
        log,
      );
      if (!gyp.ok) failures.push(`node-gyp: ${gyp.output}`);
    }
  }

  if (!fs.existsSync(built)) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `Could not build better-sqlite3 for Electron ${version} (${platform}-${arch}); both need the network once.\n` +
        failures.join('\n'),
    );
  }
  fs.copyFileSync(built, target);
  fs.rmSync(path.join(dir, 'work'), { recursive: true, force: true });
  return target;
}

/** electron-builder's Arch enum (builder-util): the numbers beforePack receives. */
const BUILDER_ARCH = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64' };

/**
 * electron-builder hook (electron-builder.yml `beforePack`): runs before the app files and
 * extraResources are copied, once per platform/arch, and stages the matching binding.
 */
async function beforePack(context) {
  const arch = BUILDER_ARCH[context.arch];
  if (!arch) throw new Error(`electron-native: unsupported arch ${context.arch} (universal macOS builds need one binding per arch)`);
  const platform = context.electronPlatformName === 'mas' ? 'darwin' : context.electronPlatformName;
  const binding = prepareSqliteBinding({ platform, arch });
  fs.mkdirSync(path.dirname(STAGED), { recursive: true });
  fs.copyFileSync(binding, STAGED);
  console.error(`[electron-native] staged ${path.relative(ROOT, binding)} for ${platform}-${arch}`);
}

module.exports = { prepareSqliteBinding, bindingPath, beforePack, STAGED, electronVersion };

if (require.main === module) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  try {
    console.log(prepareSqliteBinding({ platform: opt('--platform'), arch: opt('--arch') }));
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
