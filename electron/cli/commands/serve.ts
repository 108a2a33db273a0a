import { join } from 'node:path';
import { createBackend, projectRoot } from '../../backend/backend';
import { consoleLogger } from '../../backend/log';
import { startHttpServer } from '../../backend/server/http';
import { dataDirFrom, parse, type Command } from '../io';

const usage = 'courtdesk serve [--data-dir DIR] [--port N] [--json]';

export const serve: Command = {
  name: 'serve',
  usage,
  summary: 'Run CourtDesk in the browser on 127.0.0.1 (prints the URL with its access token)',
  async run(args, io) {
    const { values } = parse(args, { 'data-dir': { type: 'string' }, port: { type: 'string' }, json: { type: 'boolean' } }, usage);
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.err(`--port must be a whole number from 0 to 65535 (0 = any free port), not "${values.port}"`);
      return 2;
    }
    const dataDir = dataDirFrom(values['data-dir']);
    const log = consoleLogger('serve');
    const backend = await createBackend({ dataDir, mode: 'browser', log });
    const rendererDir = join(projectRoot(), 'out', 'renderer');
    const running = await startHttpServer({ backend, rendererDir, port });
    if (values.json) io.out(JSON.stringify({ url: running.url, origin: running.origin, port: running.port, dataDir }));
    else {
      io.out(`CourtDesk is running in browser mode (data: ${dataDir})`);
      io.out(`Open: ${running.url}`);
      io.out('Press Ctrl+C to stop.');
    }
    await new Promise<void>((resolveStop) => {
      const stop = () => resolveStop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await running.close();
    await backend.close();
    return 0;
  },
};
