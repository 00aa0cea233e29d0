/**
 * Ui and Menu for a spreadsheet's editor (SpreadsheetApp.getUi()). Everything a script shows
 * goes to the execution's UI sink, which the sandbox renders and tests inspect.
 */
import type { ExecutionEnv } from '../../env';
import { gasEnum, localMethods, Remote } from '../../remote';
import { signatureError } from './facade-common';
import type { EnumArg, GasApi } from './gas-api';

/**
 * What this service needs from an HtmlService HtmlOutput (another engineer's class): its title,
 * body and size. Anything with `_html()` can be shown.
 */
export interface HtmlOutputLike {
  _html(): { title: string; content: string; width: number; height: number };
}

function isHtmlOutput(v: unknown): v is HtmlOutputLike {
  return typeof v === 'object' && v !== null && typeof (v as { _html?: unknown })._html === 'function';
}

/** Editor add-on sidebars are 300 px wide whatever the output asks for (platform §3.4). */
export const SIDEBAR_WIDTH = 300;

const BUTTONS = gasEnum('CLOSE', 'OK', 'CANCEL', 'YES', 'NO');
const BUTTON_SETS = gasEnum('OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL');
type ButtonSetName = keyof typeof BUTTON_SETS;

type UiApi = GasApi<GoogleAppsScript.Base.Ui, 'alert' | 'createAddonMenu' | 'createMenu' | 'showModalDialog' | 'showModelessDialog' | 'showSidebar'>;

export class UiFacade extends Remote implements UiApi {
  readonly gasName = 'Ui';
  override readonly localMethods = localMethods('createMenu', 'createAddonMenu');
  override readonly constants = Object.freeze({ Button: BUTTONS, ButtonSet: BUTTON_SETS });

  constructor(
    private readonly env: ExecutionEnv,
    /** The caption of the add-on's menu under Extensions. */
    private readonly addonMenuName: string,
  ) {
    super();
  }

  createMenu(caption: string): MenuFacade {
    if (typeof caption !== 'string') throw signatureError(this.gasName, 'createMenu', [caption]);
    return new MenuFacade(this.env, caption);
  }

  createAddonMenu(): MenuFacade {
    return new MenuFacade(this.env, this.addonMenuName);
  }

  /**
   * alert(prompt), alert(prompt, buttons) or alert(title, prompt, buttons). The simulated user
   * answers at once with the set's affirmative button (OK or YES) [R: nobody is there to click].
   */
  alert(titleOrPrompt: string, promptOrButtons?: string | EnumArg, buttons?: EnumArg): string {
    let title = '';
    let prompt = titleOrPrompt;
    let set: unknown = 'OK';
    if (buttons !== undefined) {
      title = String(titleOrPrompt);
      prompt = String(promptOrButtons);
      set = buttons;
    } else if (promptOrButtons !== undefined) {
      set = promptOrButtons;
    }
    if (typeof set !== 'string' || !(set in BUTTON_SETS)) throw signatureError(this.gasName, 'alert', [titleOrPrompt, promptOrButtons, buttons].filter((a) => a !== undefined));
    this.env.ui.alert(title, String(prompt));
    return (set as ButtonSetName).startsWith('YES') ? 'YES' : 'OK';
  }

  showSidebar(userInterface: HtmlOutputLike): void {
    if (!isHtmlOutput(userInterface)) throw signatureError(this.gasName, 'showSidebar', [userInterface]);
    const h = userInterface._html();
    this.env.ui.showSidebar({ title: h.title, content: h.content, width: SIDEBAR_WIDTH });
  }

  showModalDialog(userInterface: HtmlOutputLike, title: string): void {
    if (!isHtmlOutput(userInterface) || typeof title !== 'string') throw signatureError(this.gasName, 'showModalDialog', [userInterface, title]);
    const h = userInterface._html();
    this.env.ui.showModalDialog({ title, content: h.content, width: h.width, height: h.height });
  }

  /** Shown like a modal dialog: the sink has one kind of dialog. */
  showModelessDialog(userInterface: HtmlOutputLike, title: string): void {
    if (!isHtmlOutput(userInterface) || typeof title !== 'string') throw signatureError(this.gasName, 'showModelessDialog', [userInterface, title]);
    const h = userInterface._html();
    this.env.ui.showModalDialog({ title, content: h.content, width: h.width, height: h.height });
  }
}

type MenuItem = { caption: string; functionName: string } | null;

type MenuApi = GasApi<GoogleAppsScript.Base.Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'>;

export class MenuFacade extends Remote implements MenuApi {
  readonly gasName = 'Menu';
  override readonly localMethods = localMethods('addItem', 'addSeparator', 'addSubMenu');
  private readonly items: MenuItem[] = [];

  constructor(
    private readonly env: ExecutionEnv,
    private readonly caption: string,
  ) {
    super();
  }

  _items(): readonly MenuItem[] {
    return this.items;
  }

  _caption(): string {
    return this.caption;
  }

  addItem(caption: string, functionName: string): MenuFacade {
    if (typeof caption !== 'string' || typeof functionName !== 'string') throw signatureError(this.gasName, 'addItem', [caption, functionName]);
    this.items.push({ caption, functionName });
    return this;
  }

  addSeparator(): MenuFacade {
    this.items.push(null);
    return this;
  }

  /**
   * The UI sink takes a flat list, so a submenu's items are listed as "Submenu › Item" [R: a
   * rendering choice of this emulation; the menu's function names are what matter].
   */
  addSubMenu(menu: MenuFacade): MenuFacade {
    if (!(menu instanceof MenuFacade)) throw signatureError(this.gasName, 'addSubMenu', [menu]);
    for (const item of menu._items()) this.items.push(item && { caption: `${menu._caption()} › ${item.caption}`, functionName: item.functionName });
    return this;
  }

  addToUi(): void {
    this.env.ui.addMenu(this.caption, [...this.items]);
  }
}
