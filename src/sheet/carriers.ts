import { carrierRuleFromSettings, DAY_ONE_CARRIERS, type CarrierRule } from '../core/carriers';
import { CARRIERS } from './tabs';
import { cellText, readTable } from './table';

export interface CarrierRead {
  /** The rules to ship with: the tab's rows, and the day-one carriers the tab does not list. */
  readonly rules: readonly CarrierRule[];
  /** Per row key: why the row is not used (its status cell shows it). */
  readonly problems: ReadonlyMap<string, string>;
}

/**
 * The carriers tab as rules. A row with a day-one key (epost, cj, lotte) replaces that carrier
 * (say, to allow another tracking-number length); a bad row is reported and, for a day-one key,
 * the built-in rule stays. No tab, or an empty one: the day-one three.
 */
export function readCarrierRules(grid: readonly (readonly unknown[])[] | null): CarrierRead {
  const problems = new Map<string, string>();
  if (grid === null) return { rules: DAY_ONE_CARRIERS, problems };
  const table = readTable(CARRIERS, grid);
  const listed = new Set(table.rows.map((r) => r.key).filter(Boolean));
  const rules: CarrierRule[] = [];
  for (const row of table.rows) {
    if (!row.key) continue;
    const builtIns = DAY_ONE_CARRIERS.filter((c) => !listed.has(c.key));
    const text = (k: string) => cellText(row.get(k));
    const result = carrierRuleFromSettings(
      {
        key: text('key'),
        nameKo: text('nameKo'),
        nameEn: text('nameEn'),
        aliases: text('aliases'),
        lengths: text('lengths'),
        cafe24Code: text('cafe24Code'),
        naverCode: text('naverCode'),
        coupangCode: text('coupangCode'),
      },
      [...rules, ...builtIns],
    );
    if (result.ok) {
      rules.push(result.rule);
    } else {
      problems.set(row.key, result.reason);
      const builtIn = DAY_ONE_CARRIERS.find((c) => c.key === row.key);
      if (builtIn) rules.push(builtIn);
    }
  }
  return { rules: [...rules, ...DAY_ONE_CARRIERS.filter((c) => !listed.has(c.key))], problems };
}
