/** The claims step in Apps Script: src/jobs/claims.ts on the spreadsheet's tabs. */
import { answerClaims, type ClaimsStepInput, type ClaimsStepReport } from '../jobs/claims';
import { readProducts } from '../sheet/products';
import { PRODUCTS } from '../sheet/tabs';
import { claimsTab } from './adapters/claims-tab';
import { findTab, readGrid } from './adapters/tab';
import { clock } from './channel-runtime';
import { readAutoAcceptCancel } from './settings';
import { adjustWarehouseStock } from './warehouse-tab';

export function claimsStep(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, input: ClaimsStepInput): ClaimsStepReport {
  return answerClaims(input, {
    tab: claimsTab(ss),
    clock,
    wholesalePrices: () => {
      const tab = findTab(ss, PRODUCTS);
      return new Map((tab ? readProducts(readGrid(tab)) : []).flatMap((r) => (r.ok ? [[r.product.sku, r.product.wholesalePrice] as const] : [])));
    },
    autoAcceptCancel: readAutoAcceptCancel,
    restock: (units) => adjustWarehouseStock(ss, units),
  });
}
