/**
 * `node out/relay.js` (npm run relay): the relay as a process. Environment: RELAY_SECRET,
 * PORT (8080), RELAY_UPSTREAMS (local mode), RELAY_LOCAL_ADDRESS, RELAY_TIMEOUT_MS,
 * RELAY_WINDOW_S, RELAY_LISTEN. See relay/README.md.
 */
import { configFromEnv } from './config';
import { startRelay } from './server';

async function main(): Promise<void> {
  const config = configFromEnv(process.env);
  for (const w of config.warnings) process.stderr.write(`warning: ${w}\n`);
  const relay = await startRelay({ ...config.options, port: config.port, host: config.host });
  process.stderr.write(`relay listening on ${relay.url}${config.local ? ` (local mode, calls leave from ${config.options.localAddress ?? 'the default address'})` : ''}\n`);
  const stop = () => void relay.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`relay: ${(e as Error).message}\n`);
  process.exit(1);
});
