/**
 * SpreadsheetApp.Protection: a protected range or sheet. Editors are emails on the model; the
 * owner can always edit and is not listed by getEditors() (reference §1.2, oddities list).
 */
import type { ExecutionEnv } from '../../env';
import { Remote, localMethods } from '../../remote';
import type { World } from '../../world';
import { copyArea } from './areas';
import { signatureError } from './facade-common';
import { RangeFacade } from './facade-range';
import { UserFacade, emailOf } from './facade-user';
import type { GasApi } from './gas-api';
import type { ProtectionModel } from './model';

type ProtectionApi = GasApi<
  GoogleAppsScript.Spreadsheet.Protection,
  | 'addEditor'
  | 'addEditors'
  | 'canDomainEdit'
  | 'canEdit'
  | 'getDescription'
  | 'getEditors'
  | 'getProtectionType'
  | 'getRange'
  | 'getRangeName'
  | 'getUnprotectedRanges'
  | 'isWarningOnly'
  | 'remove'
  | 'removeEditor'
  | 'removeEditors'
  | 'setDescription'
  | 'setDomainEdit'
  | 'setRange'
  | 'setUnprotectedRanges'
  | 'setWarningOnly'
>;

export class ProtectionFacade extends Remote implements ProtectionApi {
  readonly gasName = 'SpreadsheetApp.Protection';
  override readonly localMethods = localMethods('getProtectionType');

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
    private readonly model: ProtectionModel,
  ) {
    super();
  }

  _model(): ProtectionModel {
    return this.model;
  }

  addEditor(emailAddress: string | UserFacade): ProtectionFacade {
    const email = emailOf(emailAddress);
    if (email === null) throw signatureError(this.gasName, 'addEditor', [emailAddress]);
    if (email !== this.model.sheet.spreadsheet.owner) this.model.editors.add(email);
    return this;
  }

  addEditors(emailAddresses: string[]): ProtectionFacade {
    if (!Array.isArray(emailAddresses)) throw signatureError(this.gasName, 'addEditors', [emailAddresses]);
    for (const e of emailAddresses) this.addEditor(e);
    return this;
  }

  removeEditor(emailAddress: string | UserFacade): ProtectionFacade {
    const email = emailOf(emailAddress);
    if (email === null) throw signatureError(this.gasName, 'removeEditor', [emailAddress]);
    this.model.editors.delete(email);
    return this;
  }

  /** Accepts emails or Users (the usual `removeEditors(p.getEditors())`). */
  removeEditors(emailAddresses: (string | UserFacade)[]): ProtectionFacade {
    if (!Array.isArray(emailAddresses)) throw signatureError(this.gasName, 'removeEditors', [emailAddresses]);
    for (const e of emailAddresses) this.removeEditor(e);
    return this;
  }

  getEditors(): UserFacade[] {
    return [...this.model.editors].map((e) => new UserFacade(e));
  }

  canEdit(): boolean {
    return this.model.sheet.spreadsheet.canEdit(this.model, this.env.effectiveUserEmail);
  }

  canDomainEdit(): boolean {
    return this.model.domainEdit;
  }

  setDomainEdit(editable: boolean): ProtectionFacade {
    this.model.domainEdit = editable === true;
    return this;
  }

  getDescription(): string {
    return this.model.description;
  }

  setDescription(description: string): ProtectionFacade {
    this.model.description = description === null || description === undefined ? '' : String(description);
    return this;
  }

  isWarningOnly(): boolean {
    return this.model.warningOnly;
  }

  setWarningOnly(warningOnly: boolean): ProtectionFacade {
    this.model.warningOnly = warningOnly === true;
    return this;
  }

  getProtectionType(): 'RANGE' | 'SHEET' {
    return this.model.type;
  }

  /** A sheet protection's range is the whole sheet, whose A1 notation is "" (§1.2 row 11). */
  getRange(): RangeFacade {
    const sheet = this.model.sheet;
    if (this.model.type === 'SHEET') {
      return new RangeFacade(this.env, this.world, sheet, {
        row: 1,
        col: 1,
        numRows: sheet.maxRows,
        numCols: sheet.maxColumns,
        open: { startRow: true, endRow: true, startCol: true, endCol: true },
      });
    }
    return new RangeFacade(this.env, this.world, sheet, copyArea(this.model.area));
  }

  setRange(range: RangeFacade): ProtectionFacade {
    if (!(range instanceof RangeFacade)) throw signatureError(this.gasName, 'setRange', [range]);
    if (this.model.type === 'RANGE') this.model.area = range._target().area;
    return this;
  }

  getRangeName(): string | null {
    return this.model.rangeName;
  }

  getUnprotectedRanges(): RangeFacade[] {
    return this.model.unprotected.map((a) => new RangeFacade(this.env, this.world, this.model.sheet, copyArea(a)));
  }

  /** Holes only apply to sheet protections; on a range protection the call does nothing. */
  setUnprotectedRanges(ranges: RangeFacade[]): ProtectionFacade {
    if (!Array.isArray(ranges) || !ranges.every((r) => r instanceof RangeFacade)) throw signatureError(this.gasName, 'setUnprotectedRanges', [ranges]);
    if (this.model.type === 'SHEET') this.model.unprotected = ranges.map((r) => r._target().area);
    return this;
  }

  remove(): void {
    this.model.removed = true;
    const sheet = this.model.sheet;
    sheet.protections = sheet.protections.filter((p) => p !== this.model);
  }
}
