import type { Scenario, ScenarioEvent } from '../sandbox/scenario';

/**
 * The preview starts where a person would start trying the product: the add-on installed, the
 * partners, the Cafe24 app, products and ratios typed in (the scenario's events before its
 * first channel event), and no mall connected yet: connecting is theirs to do, in the browser.
 */
export function setupEvents(s: Scenario): ScenarioEvent[] {
  const firstChannel = s.events.findIndex((e) => e.type === 'channel' || e.type === 'fault');
  const before = firstChannel < 0 ? s.events : s.events.slice(0, firstChannel);
  return before.filter((e) => e.type !== 'authorize');
}
