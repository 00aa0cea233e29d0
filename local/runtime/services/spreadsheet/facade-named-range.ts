/** SpreadsheetApp.NamedRange: a name for a range, kept on the spreadsheet model. */
import type { ExecutionEnv } from '../../env';
import { Remote, localMethods } from '../../remote';
import type { World } from '../../world';
import { copyArea } from './areas';
import { signatureError } from './facade-common';
import { RangeFacade } from './facade-range';
import type { GasApi } from './gas-api';
import type { NamedRangeModel } from './model';

type NamedRangeApi = GasApi<GoogleAppsScript.Spreadsheet.NamedRange, 'getName' | 'getRange' | 'remove' | 'setName' | 'setRange'>;

export class NamedRangeFacade extends Remote implements NamedRangeApi {
  readonly gasName = 'SpreadsheetApp.NamedRange';
  override readonly localMethods = localMethods('getName');

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
    private readonly model: NamedRangeModel,
  ) {
    super();
  }

  getName(): string {
    return this.model.name;
  }

  getRange(): RangeFacade {
    return new RangeFacade(this.env, this.world, this.model.sheet, copyArea(this.model.area));
  }

  remove(): void {
    const ss = this.model.sheet.spreadsheet;
    ss.namedRanges = ss.namedRanges.filter((n) => n !== this.model);
  }

  setName(name: string): NamedRangeFacade {
    if (typeof name !== 'string') throw signatureError(this.gasName, 'setName', [name]);
    this.model.name = name;
    return this;
  }

  setRange(range: RangeFacade): NamedRangeFacade {
    if (!(range instanceof RangeFacade)) throw signatureError(this.gasName, 'setRange', [range]);
    const t = range._target();
    this.model.sheet = t.sheet;
    this.model.area = t.area;
    return this;
  }
}
