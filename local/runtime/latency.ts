/**
 * How much simulated time a round trip costs. Apps Script's cost is dominated by service round
 * trips, so the simulated clock advances only at calls; JavaScript between calls is free unless
 * the runtime is told to charge real CPU time (`cpuTimeFactor`).
 *
 * Figures: PropertiesService and CacheService are the measured averages quoted in
 * shared/reference/apps-script-platform.md §1.2 (62 ms set, 30 ms get, 93 ms cache put, 3 ms
 * cache get). Sheets and the rest are not in the reference; they are round numbers of the
 * order people report (a read of a block: tens of ms; a write a little more; per-cell cost
 * small), chosen so that a well-batched minute costs about a second.
 */
export interface CallCost {
  /** Service.Class.method as counted. */
  name: string;
  /** Cells touched, for Sheets value reads and writes. */
  cells?: number;
}

export interface LatencyModel {
  cost(call: CallCost): number;
  /** Network round trip added to each HTTP request, before the server's own delay. */
  readonly httpRoundTripMs: number;
}

const FIXED: Record<string, number> = {
  'PropertiesService.Properties.getProperty': 30,
  'PropertiesService.Properties.getProperties': 30,
  'PropertiesService.Properties.getKeys': 30,
  'PropertiesService.Properties.setProperty': 62,
  'PropertiesService.Properties.setProperties': 62,
  'PropertiesService.Properties.deleteProperty': 62,
  'PropertiesService.Properties.deleteAllProperties': 62,
  'CacheService.Cache.get': 3,
  'CacheService.Cache.getAll': 3,
  'CacheService.Cache.put': 93,
  'CacheService.Cache.putAll': 93,
  'CacheService.Cache.remove': 20,
  'CacheService.Cache.removeAll': 20,
  'SpreadsheetApp.create': 1500,
  'SpreadsheetApp.flush': 30,
  'MailApp.sendEmail': 400,
};

export const defaultLatency: LatencyModel = {
  httpRoundTripMs: 150,
  cost({ name, cells = 0 }) {
    const fixed = FIXED[name];
    if (fixed !== undefined) return fixed;
    if (name.startsWith('SpreadsheetApp.')) {
      const method = name.slice(name.lastIndexOf('.') + 1);
      // Whole milliseconds: the simulated clock counts in ms, as Date does.
      if (method.startsWith('get')) return 25 + Math.round(cells * 0.002);
      return 40 + Math.round(cells * 0.01);
    }
    // HTTP time is charged by UrlFetchApp itself: round trip plus the server's own delay.
    if (name.startsWith('UrlFetchApp.')) return 0;
    if (name.startsWith('LockService.')) return 15;
    if (name.startsWith('ScriptApp.')) return 80;
    if (name.startsWith('DriveApp.')) return 250;
    return 10;
  },
};

/**
 * Loading the script: at the start of every execution (a trigger run, a menu item, each
 * google.script.run call) Apps Script parses every script file of the project and runs its top
 * level in a fresh global scope, so each execution pays for the bundle's size before its first
 * line. The runtime charges `scriptLoadMs(bytes)` to each execution's simulated clock, before the
 * script starts (so trigger minutes and the 6-minute limit include it).
 *
 * The figure. No public source gives Apps Script's load cost per size (searched: blog benchmarks
 * of Apps Script speak of service calls and loops; one author found no measurable penalty for
 * loading libraries, without a per-size figure). So it is measured and scaled:
 * - measured: Node 20's V8 compiling build/Code.js with no code cache (`new vm.Script`, a fresh
 *   process per sample, so no compilation cache either) and running its top level in an empty
 *   context: medians of 15–25 samples were 0.105–0.131 ms per KiB for the 1,035.9 KiB bundle
 *   with classic zod and the 692.7 KiB one with zod/mini (74–132 ms), on a 2-core AMD EPYC VM
 *   with a load average near 5 (December 2026). `npm run bench -- --only load` measures it again;
 * - scaled ×2 for Apps Script's servers (an assumption, stated: shared, sandboxed machines that
 *   also fetch the project's source at each execution), giving 0.25 ms per KiB, rounded up.
 * A runtime option (`scriptLoadMsPerKiB`) sets another figure; 0 turns the charge off.
 */
export const SCRIPT_LOAD_MS_PER_KIB = 0.25;

/** Whole simulated milliseconds to load `bytes` of script at `msPerKiB`. */
export function scriptLoadMs(bytes: number, msPerKiB: number = SCRIPT_LOAD_MS_PER_KIB): number {
  return Math.round((bytes / 1024) * msPerKiB);
}
