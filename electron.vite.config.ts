/**
 * electron-vite 6 build of the three Electron targets.
 *
 * main     → out/main/{index,host,cli}.js, CommonJS (package.json has no "type": "module").
 *            index = the Electron main process, host = the backend utilityProcess entry,
 *            cli = the `courtdesk` command (bin/courtdesk.cjs loads it under plain Node),
 *            precedentsWorker = the worker thread for bulk precedent import/indexing.
 *            Code shared by host and cli lands in out/main/chunks/. Every package.json
 *            `dependencies` entry stays external (electron-vite's externalizeDeps): better-sqlite3 is
 *            native, node-llama-cpp must not be bundled and stays a dynamic import().
 * preload  → out/preload/index.js, CommonJS: sandboxed preloads cannot load ESM nor `require` npm
 *            packages, so externalizeDeps is off (anything imported gets bundled) and the preload
 *            imports only plain strings and types from shared/contract.
 * renderer → out/renderer from renderer/index.html, served by main as app://bundle/.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = __dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      externalizeDeps: true,
      rolldownOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          host: resolve(root, 'electron/backend/host.ts'),
          cli: resolve(root, 'electron/cli/index.ts'),
          // worker_threads entry for precedent import/indexing (electron/backend/precedents/runner.ts finds it here).
          precedentsWorker: resolve(root, 'electron/backend/precedents/worker.ts'),
        },
        output: {
          format: 'cjs',
          entryFileNames: '[name].js',
          chunkFileNames: 'chunks/[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // Relative asset URLs work under app://bundle/ as well as on `courtdesk serve`'s loopback origin.
    base: './',
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified by default; minified it is a third of the size
      // to read and parse, which browser mode over loopback and a cold desktop start both feel.
      minify: true,
      rolldownOptions: {
        input: { index: resolve(root, 'renderer/index.html') },
        output: {
          // Routes and case-workspace tabs are split by their dynamic import()s (renderer/src/App.tsx,
          // CaseWorkspacePage.tsx). React and i18next, which the first screen needs whole, get chunks of
          // their own so their hashes survive app releases. antd stays with automatic splitting: one
          // antd chunk would put every component any page uses into the first screen (measured: +95 KiB gzip).
          codeSplitting: {
            groups: [
              { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 20 },
              { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/, priority: 10 },
            ],
          },
        },
      },
    },
  },
});
