/**
 * DriveApp over world.files: spreadsheets made by SpreadsheetApp appear here as files, and
 * the sharing model is what the partner settlement sheets rely on (share view-only with a
 * partner's address). Calls are backend round trips, except File.getId and the User getters.
 *
 * Access rules: a user reaches a file as its owner, an editor, a viewer, or through its
 * general access (ANYONE / ANYONE_WITH_LINK, or DOMAIN… for the owner's domain). Changing
 * sharing needs edit access. A file the effective user cannot reach is reported exactly like
 * a missing one, as Drive does.
 *
 * Defaults: sharing PRIVATE / NONE (gas-fakes' live-checked sharing test). getEditors() leaves
 * the owner out, as Protection.getEditors() does (fidelity notes); getViewers() and
 * getEditors() are empty for a caller without edit access (documented). Adding a viewer or
 * editor sends Drive's notification e-mail live; it is recorded host-side, not in world.mail,
 * because it is not MailApp mail and uses no MailApp quota.
 */
import type { ExecutionEnv } from '../env';
import { GasException } from '../errors';
import { gasEnum, localMethods, Remote } from '../remote';
import { serviceState, type DriveFileModel, type World } from '../world';
import { Blob, blobOf } from './blob';
import { spreadsheetStore } from './spreadsheet/model';
import { signatureError } from './utilities/args';
import { encodeUtf8 } from './utilities/charset';

const Access = gasEnum('ANYONE', 'ANYONE_WITH_LINK', 'DOMAIN', 'DOMAIN_WITH_LINK', 'PRIVATE');
const Permission = gasEnum('VIEW', 'EDIT', 'COMMENT', 'OWNER', 'ORGANIZER', 'NONE');
type AccessName = keyof typeof Access;
type PermissionName = keyof typeof Permission;

export const driveMessages = {
  /** Believed to be Apps Script's text for an unknown or unreachable id (not in the reference). */
  noItem: 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.',
  /** Reported for DriveApp writes without permission (not in the reference). */
  accessDenied: 'Access denied: DriveApp.',
  /** Reported when a share target is not an e-mail address (not in the reference). */
  invalidEmail: 'Invalid argument: permission.value',
} as const;

const SPREADSHEET = 'application/vnd.google-apps.spreadsheet';

interface FileMeta {
  trashed: boolean;
  access: AccessName;
  permission: PermissionName;
  description: string | null;
  updatedAt: number;
}

export interface ShareNotification {
  at: number;
  fileId: string;
  email: string;
  role: 'viewer' | 'editor';
  by: string;
}

/**
 * Where the reference is silent, the likelier behaviour and a switch for the other.
 * `trashedOpenById`: SpreadsheetApp.openById of a spreadsheet in its owner's trash. Drive finds
 * trashed files by id (getFileById does, as live), so 'opens' is the default; 'notFound' makes
 * openById fail as for a deleted file.
 */
export interface DriveSwitches {
  trashedOpenById: 'opens' | 'notFound';
}

interface DriveModel {
  meta: Map<string, FileMeta>;
  notifications: ShareNotification[];
  switches: DriveSwitches;
}

function model(world: World): DriveModel {
  return serviceState(world, 'drive', () => ({ meta: new Map(), notifications: [], switches: { trashedOpenById: 'opens' } }));
}

function metaOf(world: World, f: DriveFileModel): FileMeta {
  const m = model(world).meta;
  let meta = m.get(f.id);
  if (!meta) {
    meta = { trashed: false, access: 'PRIVATE', permission: 'NONE', description: null, updatedAt: f.createdAt };
    m.set(f.id, meta);
  }
  return meta;
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1).toLowerCase();
const isEmail = (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);

/** The access one user has to a file, by Drive's rules above. */
function accessFor(world: World, f: DriveFileModel, email: string): PermissionName {
  const e = email.toLowerCase();
  if (f.owner.toLowerCase() === e) return 'OWNER';
  if (f.editors.has(e)) return 'EDIT';
  if (f.viewers.has(e)) return 'VIEW';
  const meta = metaOf(world, f);
  const general =
    meta.access === 'ANYONE' ||
    meta.access === 'ANYONE_WITH_LINK' ||
    ((meta.access === 'DOMAIN' || meta.access === 'DOMAIN_WITH_LINK') && e !== '' && domainOf(e) === domainOf(f.owner));
  return general ? meta.permission : 'NONE';
}

const canEdit = (p: PermissionName) => p === 'OWNER' || p === 'EDIT';

/** Drive.User: an address with derived name and domain. */
export class DriveUser extends Remote implements GoogleAppsScript.Drive.User {
  readonly gasName = 'DriveApp.User';
  override readonly localMethods = localMethods('getDomain', 'getEmail', 'getName', 'getPhotoUrl', 'getUserLoginId');
  constructor(private readonly email: string) {
    super();
  }
  getDomain(): string {
    return domainOf(this.email);
  }
  getEmail(): string {
    return this.email;
  }
  /** Documented: null when the name is not available, which is always so here (no profiles). */
  getName(): string {
    return null as unknown as string;
  }
  getPhotoUrl(): string {
    return '';
  }
  /** Deprecated alias of getEmail. */
  getUserLoginId(): string {
    return this.email;
  }
}

/** The official signature with the return type swapped for this partial File facade. */
type Returning<T, K extends keyof T, R> = { [P in K]: T[P] extends (...args: infer A) => unknown ? (...args: A) => R : never };

type FileMethods =
  | 'getId' | 'getName' | 'getMimeType' | 'getUrl' | 'getDescription' | 'getDateCreated' | 'getLastUpdated' | 'getSize'
  | 'isTrashed' | 'getSharingAccess' | 'getSharingPermission' | 'getAccess' | 'getBlob' | 'getAs';

export class DriveFile
  extends Remote
  implements
    Pick<GoogleAppsScript.Drive.File, FileMethods | 'getOwner' | 'getViewers' | 'getEditors'>,
    Returning<
      GoogleAppsScript.Drive.File,
      'setName' | 'setDescription' | 'setContent' | 'setTrashed' | 'setSharing' | 'addViewer' | 'addViewers' | 'removeViewer'
      | 'addEditor' | 'addEditors' | 'removeEditor' | 'revokePermissions',
      DriveFile
    >
{
  readonly gasName = 'DriveApp.File';
  // The id is part of the handle; everything else asks Drive.
  override readonly localMethods = localMethods('getId');

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
    private readonly f: DriveFileModel,
  ) {
    super();
  }

  getId(): string {
    return this.f.id;
  }

  getName(): string {
    return this.f.name;
  }

  setName(name: string): DriveFile {
    if (typeof name !== 'string') throw signatureError('DriveApp.File.setName', [...arguments]);
    this.#requireEdit();
    this.f.name = name;
    this.#touch();
    return this;
  }

  getMimeType(): string {
    return this.f.mimeType;
  }

  /** Sheets open in the editor; other files in the Drive viewer. */
  getUrl(): string {
    return this.f.mimeType === SPREADSHEET
      ? `https://docs.google.com/spreadsheets/d/${this.f.id}/edit?usp=drivesdk`
      : `https://drive.google.com/file/d/${this.f.id}/view?usp=drivesdk`;
  }

  getDescription(): string | null {
    return this.#meta().description;
  }

  setDescription(description: string): DriveFile {
    if (typeof description !== 'string') throw signatureError('DriveApp.File.setDescription', [...arguments]);
    this.#requireEdit();
    this.#meta().description = description;
    this.#touch();
    return this;
  }

  getDateCreated(): Date {
    return new Date(this.f.createdAt);
  }

  getLastUpdated(): Date {
    return new Date(this.#meta().updatedAt);
  }

  /** Bytes of stored content; Google-type files count 0, as Drive reports them. */
  getSize(): number {
    return this.f.content?.length ?? 0;
  }

  getOwner(): DriveUser {
    return new DriveUser(this.f.owner);
  }

  getViewers(): DriveUser[] {
    if (!canEdit(this.#myAccess())) return [];
    return [...this.f.viewers].map((e) => new DriveUser(e));
  }

  getEditors(): DriveUser[] {
    if (!canEdit(this.#myAccess())) return [];
    return [...this.f.editors].map((e) => new DriveUser(e));
  }

  /** No effect on someone who already edits or owns the file (documented). */
  addViewer(emailAddress: string | GoogleAppsScript.Base.User): DriveFile {
    const email = this.#target('addViewer', emailAddress);
    this.#requireEdit();
    if (accessFor(this.world, this.f, email) === 'OWNER' || this.f.editors.has(email)) return this;
    if (!this.f.viewers.has(email)) {
      this.f.viewers.add(email);
      this.#notify(email, 'viewer');
    }
    return this;
  }

  addViewers(emailAddresses: string[]): DriveFile {
    if (!Array.isArray(emailAddresses)) throw signatureError('DriveApp.File.addViewers', [...arguments]);
    const emails = emailAddresses.map((e) => this.#target('addViewers', e));
    for (const e of emails) this.addViewer(e);
    return this;
  }

  /** Takes view (and comment) access away; an editor keeps editing (documented). */
  removeViewer(emailAddress: string | GoogleAppsScript.Base.User): DriveFile {
    const email = this.#target('removeViewer', emailAddress);
    this.#requireEdit();
    this.f.viewers.delete(email);
    return this;
  }

  addEditor(emailAddress: string | GoogleAppsScript.Base.User): DriveFile {
    const email = this.#target('addEditor', emailAddress);
    this.#requireEdit();
    if (accessFor(this.world, this.f, email) === 'OWNER' || this.f.editors.has(email)) return this;
    this.f.viewers.delete(email);
    this.f.editors.add(email);
    this.#notify(email, 'editor');
    return this;
  }

  addEditors(emailAddresses: string[]): DriveFile {
    if (!Array.isArray(emailAddresses)) throw signatureError('DriveApp.File.addEditors', [...arguments]);
    const emails = emailAddresses.map((e) => this.#target('addEditors', e));
    for (const e of emails) this.addEditor(e);
    return this;
  }

  removeEditor(emailAddress: string | GoogleAppsScript.Base.User): DriveFile {
    const email = this.#target('removeEditor', emailAddress);
    this.#requireEdit();
    this.f.editors.delete(email);
    return this;
  }

  /** Removes every explicit access of the user. */
  revokePermissions(user: string | GoogleAppsScript.Base.User): DriveFile {
    const email = this.#target('revokePermissions', user);
    this.#requireEdit();
    this.f.viewers.delete(email);
    this.f.editors.delete(email);
    return this;
  }

  getAccess(user: string | GoogleAppsScript.Base.User): GoogleAppsScript.Drive.Permission {
    return accessFor(this.world, this.f, this.#target('getAccess', user)) as unknown as GoogleAppsScript.Drive.Permission;
  }

  setSharing(accessType: GoogleAppsScript.Drive.Access, permissionType: GoogleAppsScript.Drive.Permission): DriveFile {
    const a: unknown = accessType;
    const p: unknown = permissionType;
    if (typeof a !== 'string' || !Object.hasOwn(Access, a) || typeof p !== 'string' || !Object.hasOwn(Permission, p)) {
      throw signatureError('DriveApp.File.setSharing', [...arguments]);
    }
    this.#requireEdit();
    const meta = this.#meta();
    meta.access = a as AccessName;
    meta.permission = p as PermissionName;
    return this;
  }

  getSharingAccess(): GoogleAppsScript.Drive.Access {
    return this.#meta().access as unknown as GoogleAppsScript.Drive.Access;
  }

  getSharingPermission(): GoogleAppsScript.Drive.Permission {
    return this.#meta().permission as unknown as GoogleAppsScript.Drive.Permission;
  }

  isTrashed(): boolean {
    return this.#meta().trashed;
  }

  /** Only the owner may trash a file in My Drive. */
  setTrashed(trashed: boolean): DriveFile {
    if (typeof trashed !== 'boolean') throw signatureError('DriveApp.File.setTrashed', [...arguments]);
    if (this.#myAccess() !== 'OWNER') throw new GasException(driveMessages.accessDenied);
    this.#meta().trashed = trashed;
    this.#touch();
    return this;
  }

  /** Replaces the content of a non-Google file with UTF-8 text. */
  setContent(content: string): DriveFile {
    if (typeof content !== 'string') throw signatureError('DriveApp.File.setContent', [...arguments]);
    this.#requireEdit();
    if (this.f.mimeType.startsWith('application/vnd.google-apps.')) throw new GasException(driveMessages.accessDenied);
    this.f.content = encodeUtf8(content);
    this.#touch();
    return this;
  }

  /**
   * The stored bytes for ordinary files. Google-type files export (e.g. to PDF) live; that is
   * not emulated and says so.
   */
  getBlob(): Blob {
    if (this.f.content === undefined) {
      throw new GasException(`Converting from ${this.f.mimeType} to application/pdf is not supported by the local runtime.`);
    }
    return new Blob(this.f.content.slice(), this.f.mimeType, this.f.name);
  }

  getAs(contentType: string): Blob {
    return this.getBlob().getAs(contentType);
  }

  /** Host-only: the model behind the facade. */
  _model(): DriveFileModel {
    return this.f;
  }

  #meta(): FileMeta {
    return metaOf(this.world, this.f);
  }

  #myAccess(): PermissionName {
    return accessFor(this.world, this.f, this.env.effectiveUserEmail);
  }

  #requireEdit(): void {
    if (!canEdit(this.#myAccess())) throw new GasException(driveMessages.accessDenied);
  }

  #touch(): void {
    this.#meta().updatedAt = this.env.now();
  }

  #notify(email: string, role: 'viewer' | 'editor'): void {
    model(this.world).notifications.push({ at: this.env.now(), fileId: this.f.id, email, role, by: this.env.effectiveUserEmail });
  }

  /** An address or a User; Drive stores addresses in lower case. */
  #target(method: string, v: unknown): string {
    let email: unknown = v;
    if (v !== null && typeof v === 'object' && typeof (v as { getEmail?: unknown }).getEmail === 'function') {
      email = (v as { getEmail(): unknown }).getEmail();
    }
    if (typeof email !== 'string') throw signatureError(`DriveApp.File.${method}`, [v]);
    const e = email.trim().toLowerCase();
    if (!isEmail(e)) throw new GasException(driveMessages.invalidEmail);
    return e;
  }
}

export class DriveApp extends Remote implements Returning<GoogleAppsScript.Drive.DriveApp, 'getFileById', DriveFile> {
  readonly gasName = 'DriveApp';
  override readonly constants = { Access, Permission };

  constructor(
    private readonly env: ExecutionEnv,
    private readonly world: World,
  ) {
    super();
  }

  /** Trashed files are still found by id, as live. */
  getFileById(id: string): DriveFile {
    if (typeof id !== 'string' || arguments.length !== 1) throw signatureError('DriveApp.getFileById', [...arguments]);
    const f = this.world.files.get(id);
    if (!f || accessFor(this.world, f, this.env.effectiveUserEmail) === 'NONE') throw new GasException(driveMessages.noItem);
    return new DriveFile(this.env, this.world, f);
  }

  /**
   * (name, content[, mimeType]) with text content, default type text/plain; or (blob), named
   * after the blob ("Untitled" when it has no name, as Drive names nameless uploads).
   */
  createFile(...args: unknown[]): DriveFile {
    const [a, b, c] = args;
    let name: string;
    let content: Uint8Array;
    let mimeType: string;
    const blob = args.length === 1 ? blobOf(a) : null;
    if (blob) {
      name = blob.getName() ?? 'Untitled';
      content = blob._bytes().slice();
      mimeType = blob.getContentType() ?? 'application/octet-stream';
    } else if (typeof a === 'string' && typeof b === 'string' && (args.length === 2 || (args.length === 3 && typeof c === 'string'))) {
      name = a;
      content = encodeUtf8(b);
      mimeType = (c as string | undefined) ?? 'text/plain';
    } else {
      throw signatureError('DriveApp.createFile', args);
    }
    const now = this.env.now();
    const f: DriveFileModel = {
      id: this.world.nextId('1D'),
      name,
      mimeType,
      owner: this.env.effectiveUserEmail,
      viewers: new Set(),
      editors: new Set(),
      createdAt: now,
      content,
    };
    this.world.files.set(f.id, f);
    return new DriveFile(this.env, this.world, f);
  }
}

export function createDriveApp(env: ExecutionEnv, world: World): DriveApp {
  return new DriveApp(env, world);
}

/** Host-only: the switches where the reference is silent (tests set them). */
export function driveSwitches(world: World): DriveSwitches {
  return model(world).switches;
}

/** Host-only: whether a file is in its owner's trash. */
export function isTrashed(world: World, id: string): boolean {
  const f = world.files.get(id);
  return f ? metaOf(world, f).trashed : false;
}

/** Host-only: the owner moves the file to the trash in Drive (it keeps its id and sharing). */
export function trashFile(world: World, id: string): void {
  const f = world.files.get(id);
  if (!f) throw new Error(`no file ${id}`);
  metaOf(world, f).trashed = true;
}

/** Host-only: the file is deleted for good (emptied from the trash): its id finds nothing any more. */
export function deleteFile(world: World, id: string): void {
  if (!world.files.delete(id)) throw new Error(`no file ${id}`);
  model(world).meta.delete(id);
  spreadsheetStore(world).forget(id);
}

/** Host-only: takes a person's own access to the file away (unshared; the owner keeps it). */
export function unshareFile(world: World, id: string, email: string): void {
  const f = world.files.get(id);
  if (!f) throw new Error(`no file ${id}`);
  f.viewers.delete(email.toLowerCase());
  f.editors.delete(email.toLowerCase());
}

/** Host-only: Drive's sharing notifications so far (tests, sandbox). */
export function shareNotifications(world: World): readonly ShareNotification[] {
  return model(world).notifications;
}

/** Host-only: a file's general access ("link access") and whether it is in the trash (sandbox output). */
export function sharingOf(world: World, f: DriveFileModel): { access: AccessName; permission: PermissionName; trashed: boolean } {
  const meta = metaOf(world, f);
  return { access: meta.access, permission: meta.permission, trashed: meta.trashed };
}
