import { LEDGER_ENTRY_TYPES, type LedgerEntryType } from '../../core/ledger';
import type { Krw } from '../../core/krw';
import type { KeyValueStore } from '../../core/ports';
import type { PostedCells } from '../../sheet/ledger-guard';
import { LEDGER_KEPT_KEY } from '../../jobs/kept';

const CHUNK_BYTES = 8_000;
const RAW_CHARS = 24_000;

type Tuple = [id: string, at: number, partnerId: string, type: number, amount: number, reference: string, reason: string];

interface Index {
  /** Entries in each chunk. */
  readonly counts: number[];
}

const toTuple = (e: PostedCells): Tuple => [e.id, e.at, e.partnerId, LEDGER_ENTRY_TYPES.indexOf(e.type), e.amount, e.reference, e.reason];
const fromTuple = (t: Tuple): PostedCells => ({ id: t[0], at: t[1], partnerId: t[2], type: LEDGER_ENTRY_TYPES[t[3]] as LedgerEntryType, amount: t[4] as Krw, reference: t[5], reason: t[6] });

function encode(tuples: readonly Tuple[]): string {
  return Utilities.base64Encode(Utilities.gzip(Utilities.newBlob(JSON.stringify(tuples), 'application/json')).getBytes());
}

function decode(text: string): Tuple[] {
  return JSON.parse(Utilities.ungzip(Utilities.newBlob(Utilities.base64Decode(text), 'application/x-gzip')).getDataAsString()) as Tuple[];
}

/** Splits into chunks that encode under the limit (halving a chunk that does not). */
function pack(tuples: readonly Tuple[]): Array<{ text: string; count: number }> {
  const out: Array<{ text: string; count: number }> = [];
  const put = (part: readonly Tuple[]) => {
    const text = encode(part);
    if (text.length <= CHUNK_BYTES || part.length === 1) out.push({ text, count: part.length });
    else {
      const half = Math.ceil(part.length / 2);
      put(part.slice(0, half));
      put(part.slice(half));
    }
  };
  let start = 0;
  let chars = 0;
  tuples.forEach((t, i) => {
    const size = JSON.stringify(t).length;
    if (i > start && chars + size > RAW_CHARS) {
      put(tuples.slice(start, i));
      start = i;
      chars = 0;
    }
    chars += size;
  });
  if (start < tuples.length) put(tuples.slice(start));
  return out;
}

export interface LedgerVault {
  /** The kept entries in posting order; null when none were ever kept (a ledger from before). */
  load(): PostedCells[] | null;
  /** Keeps more entries (already kept ids are skipped). */
  add(entries: readonly PostedCells[]): void;
  /** Starts keeping: the entries as they are now. */
  adopt(entries: readonly PostedCells[]): void;
}

export function ledgerVault(store: KeyValueStore): LedgerVault {
  let cache: { index: Index; chunks: Tuple[][] } | null = null;
  const read = (): { index: Index; chunks: Tuple[][] } | null => {
    if (cache) return cache;
    const text = store.get(LEDGER_KEPT_KEY);
    if (text === null) return null;
    const index = JSON.parse(text) as Index;
    const chunks = index.counts.map((_, i) => {
      const c = store.get(`${LEDGER_KEPT_KEY}.${i}`);
      return c ? decode(c) : [];
    });
    return (cache = { index, chunks });
  };
  const write = (chunks: Tuple[][], from: number): void => {
    // The chunks from `from` on are packed again; those before are full and stay.
    const tail = pack(chunks.slice(from).flat());
    const previous = read()?.index.counts.length ?? 0;
    const counts = [...chunks.slice(0, from).map((c) => c.length), ...tail.map((t) => t.count)];
    tail.forEach((t, i) => store.set(`${LEDGER_KEPT_KEY}.${from + i}`, t.text));
    for (let i = counts.length; i < previous; i++) store.delete(`${LEDGER_KEPT_KEY}.${i}`);
    store.set(LEDGER_KEPT_KEY, JSON.stringify({ counts } satisfies Index));
    let at = 0;
    const flat = chunks.flat();
    cache = { index: { counts }, chunks: counts.map((n) => flat.slice(at, (at += n))) };
  };
  return {
    load: () => read()?.chunks.flat().map(fromTuple) ?? null,
    add(entries) {
      const now = read();
      const chunks = now ? now.chunks.map((c) => [...c]) : [];
      const ids = new Set(chunks.flat().map((t) => t[0]));
      const fresh = entries.filter((e) => !ids.has(e.id)).map(toTuple);
      if (fresh.length === 0 && now) return;
      const last = Math.max(0, chunks.length - 1);
      if (chunks.length === 0) chunks.push([]);
      chunks[last]!.push(...fresh);
      write(chunks, last);
    },
    adopt(entries) {
      write([entries.map(toTuple)], 0);
    },
  };
}
