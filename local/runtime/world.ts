/**
 * The persistent state behind the Apps Script services, shared by every execution: what
 * Google keeps between runs. Service fakes keep their models here; facades are per execution.
 */
export interface DriveFileModel {
  id: string;
  name: string;
  mimeType: string;
  owner: string;
  viewers: Set<string>;
  editors: Set<string>;
  createdAt: number;
  /** For non-spreadsheet files: the content as bytes. */
  content?: Uint8Array;
}

export interface MailRecord {
  at: number;
  to: string;
  cc?: string;
  bcc?: string;
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
}

/** A slot each service fills with its own model type; the kernel only owns `files`. */
export interface World {
  files: Map<string, DriveFileModel>;
  mail: MailRecord[];
  /** Service-specific state, keyed by service name (e.g. "spreadsheets", "properties"). */
  services: Map<string, unknown>;
  /** Deterministic id source for files, triggers and the like. */
  nextId(prefix: string): string;
  /** The sequence's last value (what the next nextId builds on), for a leased execution's copy (lease.ts). */
  idCounter(): number;
}

export function createWorld(seed = 1): World {
  let counter = seed;
  return {
    files: new Map(),
    mail: [],
    services: new Map(),
    nextId(prefix: string) {
      counter += 1;
      // Drive ids are 44 chars of [A-Za-z0-9_-]; ours are shorter but of the same alphabet.
      return `${prefix}${counter.toString(36).padStart(8, '0')}`;
    },
    idCounter: () => counter,
  };
}

/** Gets or creates a service's model in the world. */
export function serviceState<T>(world: World, key: string, init: () => T): T {
  let s = world.services.get(key) as T | undefined;
  if (s === undefined) {
    s = init();
    world.services.set(key, s);
  }
  return s;
}
