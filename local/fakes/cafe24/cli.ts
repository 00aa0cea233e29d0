/**
 * Standalone Cafe24 fake on the real clock:
 *   node out/fake-cafe24.js --port 8024 [--host 127.0.0.1] [--seed seed.json]
 * Without --seed it serves the default three-mall seed. Prints the base URL and the malls.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, defaultSeed } from './default-seed';
import { createCafe24Fake } from './index';

const USAGE = `Usage: fake-cafe24 [--port N] [--host ADDR] [--seed FILE]

  --port N      port to listen on (default 8024; 0 = any free port)
  --host ADDR   address to bind (default 127.0.0.1)
  --seed FILE   JSON seed in Cafe24's shapes (default: the built-in three partner malls)

Call it as http://HOST:PORT/{mall_id}/api/v2/admin/... or send Host: {mall_id}.cafe24api.com.
Control: POST http://HOST:PORT/_fake/{operation} (addOrder, payOrder, injectFault, …),
         GET  /_fake/state, GET /_fake/log.`;

export async function main(
  argv: string[] = process.argv.slice(2),
  out: (line: string) => void = (l) => console.log(l),
): Promise<{ port: number; close(): Promise<void> } | null> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', short: 'p', default: '8024' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', short: 's' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) {
    out(USAGE);
    return null;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, got ${values.port}`);
  let seed: unknown = defaultSeed;
  if (values.seed) {
    const text = readFileSync(values.seed, 'utf8');
    try {
      seed = JSON.parse(text);
    } catch (e) {
      throw new Error(`--seed ${values.seed} is not JSON: ${(e as Error).message}`);
    }
  }
  const fake = createCafe24Fake({ clock: () => Date.now(), seed });
  const server = await fake.listen(port, values.host);
  const base = `http://${values.host}:${server.port}`;
  out(`Cafe24 fake listening on ${base}`);
  for (const mall of fake.malls()) {
    out(`  ${mall.padEnd(12)} ${base}/${mall}/api/v2/admin/products   (or Host: ${mall}.cafe24api.com)`);
  }
  if (!values.seed) out(`  App:    client_id ${DEFAULT_CLIENT_ID}, client_secret ${DEFAULT_CLIENT_SECRET}`);
  out(`  OAuth:  ${base}/{mall_id}/api/v2/oauth/authorize?response_type=code&client_id=…&redirect_uri=…&scope=…&state=…`);
  out(`  Control: POST ${base}/_fake/{operation}   GET ${base}/_fake/state   GET ${base}/_fake/log`);
  return server;
}
