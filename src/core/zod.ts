/**
 * The one door to zod for the product: `zod/mini`, with English messages. Import it as a
 * namespace (`import * as z from '../core/zod'`); the helpers the schemas share are in zod-helpers.ts.
 *
 * Why mini: Apps Script parses the whole bundle at every execution, and classic zod's schema
 * methods (every one of them hangs off every schema, used or not) cost about 400 KiB of
 * build/Code.js; mini's functions are shaken down to what the schemas use. Both run the same
 * core, so a schema checks exactly what it did.
 *
 * Why the locale: mini loads none, and its issues would all read "Invalid input"; the first
 * issue of a malformed answer reaches the status cell and the log tab, so it keeps the English
 * messages classic zod gave ("Too small: expected string to have >=1 characters"). This module
 * loads before any schema is built, so before any parse.
 */
import { config, locales } from 'zod/mini';

config(locales.en());

// Passed on name by name: a namespace object re-exported whole would keep all of zod/mini.
export * from 'zod/mini';
