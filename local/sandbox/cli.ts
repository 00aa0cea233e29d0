import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { paths } from '../paths';
import demo from './scenarios/demo.json';
import { runScenario, writeOutputs } from './run';
import { parseScenario, readScenarioFile, ScenarioError, type Scenario } from './scenario';
import { startPreview } from '../preview/serve';
import { dayFigures, seoulMoment, summaryLines } from './summary';
import type { Lang } from '../../src/sheet/schema';

const HELP = `Runs the add-on (build/Code.js) in the local Apps Script runtime on a scenario.

  npm start                                  the built-in demo scenario, into sandbox-out/
  npm start -- --scenario FILE --out DIR     another scenario (JSON; see README "Scenarios")
  npm start -- --print-demo                  prints the demo scenario, a starting point for your own
  npm start -- --lang en                     the console in English (default: Korean, ko)
  npm start -- --serve [--port N] [--speed X] [--scenario FILE]
                                             the local preview: try the product in a browser, no
                                             Google account (http://127.0.0.1:N/, default port 8080)

Writes DIR/workbook.xlsx, workbook.json, channels.json, metrics.json, mails.json, calls.json,
spreadsheets/ (each spreadsheet the add-on created, with its sharing) and, for each checkpoint
event, the same files as they were then in checkpoints/NAME/.

--serve sets up the scenario (the add-on installed; its events before the first channel event:
partners, the Cafe24 app, products, ratios), then serves the workbook's tabs as read-only tables
beside the built sidebar, whose google.script.run runs the built bundle in the local runtime. The
malls are connected from the sidebar (the consent page is the fake Cafe24's). The simulated clock
follows the real one --speed times as fast (default 1; 0 stops it: the page's buttons move it),
and the one-minute trigger keeps firing. Ctrl-C ends it.`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string' },
      out: { type: 'string' },
      'print-demo': { type: 'boolean' },
      serve: { type: 'boolean' },
      port: { type: 'string' },
      speed: { type: 'string' },
      lang: { type: 'string' },
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
  if (values.lang !== undefined && values.lang !== 'ko' && values.lang !== 'en') {
    console.error(`--lang: expected ko or en, got ${values.lang}`);
    return 2;
  }
  const lang: Lang = values.lang === 'en' ? 'en' : 'ko';
  let raw: unknown = demo;
  if (values.scenario) {
    try {
      raw = readScenarioFile(values.scenario);
    } catch (e) {
      if (e instanceof ScenarioError) {
        console.error(e.message);
        return 2;
      }
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
  if (values.serve) return serve(scenario, values.port, values.speed);
  const out = path.resolve(values.out ?? 'sandbox-out');
  const start = Date.parse(scenario.start);
  console.log(lang === 'ko' ? `시나리오 "${scenario.name}": ${seoulMoment(start, lang)}부터 ${scenario.duration.replace(/(\d+)([dhm])/g, (_, n: string, u: string) => `${n}${({ d: '일', h: '시간', m: '분' } as Record<string, string>)[u]} `).trim()}` : `Scenario "${scenario.name}": from ${seoulMoment(start, lang)}, ${scenario.duration}`);
  const started = Date.now();
  let lastPct = -1;
  let result;
  try {
    result = await runScenario(scenario, {
      bundleDir: paths.build,
      onProgress: (now, end) => {
        const pct = Math.floor(((now - Date.parse(scenario.start)) / Math.max(1, end - Date.parse(scenario.start))) * 100);
        if (pct >= lastPct + 25) {
          lastPct = pct;
          console.log(`  ${seoulMoment(now, lang)} … ${pct}%`);
        }
      },
    });
  } catch (e) {
    if (e instanceof ScenarioError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  const files = await writeOutputs(result, out);
  const rt = result.runtime;
  const failed = rt.executions.filter((x) => x.errors.length > 0);
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(lang === 'ko' ? `실행 ${rt.executions.length}회, ${secs}초 (오류 있는 실행 ${failed.length}회).` : `Ran ${rt.executions.length} executions in ${secs} s (${failed.length} with errors).`);
  for (const e of result.eventErrors) {
    const where = `${e.index === null ? '' : `events[${e.index}] `}${seoulMoment(Date.parse(e.at), lang)}`;
    console.log(lang === 'ko' ? `  시나리오 이벤트 ${where} 실패: ${e.message}` : `  scenario event ${where} failed: ${e.message}`);
  }
  // Relative when under the current folder (sandbox-out/), else the full path.
  const rel = path.relative(process.cwd(), out);
  const shown = rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? out : rel;
  console.log(lang === 'ko' ? `파일 ${files.length}개를 ${shown}/에 썼습니다.` : `Wrote ${files.length} files into ${shown}/.`);
  console.log('');
  const figures = dayFigures(result.sheets.snapshot(), rt.executions, result.eventErrors.length);
  for (const line of summaryLines(figures, shown, lang)) console.log(line);
  await rt.close();
  return 0;
}

async function serve(scenario: Scenario, port: string | undefined, speed: string | undefined): Promise<number> {
  const p = Number(port ?? 8080);
  const x = Number(speed ?? 1);
  if (!Number.isInteger(p) || p < 0 || p > 65_535) {
    console.error(`--port: expected a port number, got ${port}`);
    return 2;
  }
  if (!Number.isFinite(x) || x < 0) {
    console.error(`--speed: expected a number ≥ 0 (simulated seconds per real second), got ${speed}`);
    return 2;
  }
  console.log(`Scenario "${scenario.name}": setting up the preview…`);
  const preview = await startPreview({ scenario, bundleDir: paths.build, port: p, speed: x });
  console.log(`Local preview: ${preview.url}/  (clock ×${x}; Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await preview.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
