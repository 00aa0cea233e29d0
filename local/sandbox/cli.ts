import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { paths } from '../paths';
import demo from './scenarios/demo.json';
import { runScenario, writeOutputs } from './run';
import { parseScenario, ScenarioError } from './scenario';

const HELP = `Runs the add-on (build/Code.js) in the local Apps Script runtime on a scenario.

  npm start                                  the built-in demo scenario, into sandbox-out/
  npm start -- --scenario FILE --out DIR     another scenario (JSON; see README "Scenarios")
  npm start -- --print-demo                  prints the demo scenario, a starting point for your own

Writes DIR/workbook.xlsx, workbook.json, channels.json and metrics.json.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string' },
      out: { type: 'string' },
      'print-demo': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (values['print-demo']) {
    console.log(JSON.stringify(demo, null, 2));
    return 0;
  }
  let raw: unknown = demo;
  if (values.scenario) {
    try {
      raw = JSON.parse(fs.readFileSync(values.scenario, 'utf8'));
    } catch (e) {
      console.error(`Cannot read scenario ${values.scenario}: ${(e as Error).message}`);
      return 2;
    }
  }
  let scenario;
  try {
    scenario = parseScenario(raw);
  } catch (e) {
    if (e instanceof ScenarioError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const out = path.resolve(values.out ?? 'sandbox-out');
  console.log(`Scenario "${scenario.name}": ${scenario.start}, ${scenario.duration}`);
  const started = Date.now();
  let lastPct = -1;
  const result = await runScenario(scenario, {
    bundleDir: paths.build,
    onProgress: (now, end) => {
      const pct = Math.floor(((now - Date.parse(scenario.start)) / Math.max(1, end - Date.parse(scenario.start))) * 100);
      if (pct >= lastPct + 25) {
        lastPct = pct;
        console.log(`  ${new Date(now).toISOString()}  ${pct}%`);
      }
    },
  });
  const files = writeOutputs(result, out);
  const rt = result.runtime;
  const failed = rt.executions.filter((x) => x.errors.length > 0);
  console.log(`Ran ${rt.executions.length} executions in ${((Date.now() - started) / 1000).toFixed(1)} s (${failed.length} with errors).`);
  for (const e of result.eventErrors) console.log(`  scenario event at ${e.at} failed: ${e.message}`);
  for (const f of files) console.log(`  wrote ${path.relative(process.cwd(), f)}`);
  await rt.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
