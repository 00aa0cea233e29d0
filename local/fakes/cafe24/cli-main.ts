/** `npm run fake:cafe24 -- --port N --seed FILE`: the fake on its own, on the real clock. */
import { main } from './cli';

main().catch((e: Error) => {
  console.error(e.message);
  process.exit(1);
});
