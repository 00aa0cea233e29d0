/**
 * DriveApp over world.files: finding files, creating them, and the sharing the partner
 * settlement sheets need (view-only for a partner's address).
 */
import { newBlobFromBytes } from '../../local/runtime/services/blob';
import { createDriveApp, driveMessages, shareNotifications } from '../../local/runtime/services/drive';
import { createSession } from '../../local/runtime/services/session';
import { fakeEnv } from '../../local/runtime/services/testing-env';
import { createWorld, type DriveFileModel, type World } from '../../local/runtime/world';
import { exposedMethods } from '../../local/runtime/handles';

const OWNER = 'owner@factory.kr';
const PARTNER = 'partner@reseller.kr';

function sheet(world: World, id = 'sheet-1'): DriveFileModel {
  const f: DriveFileModel = {
    id,
    name: '정산 - 파트너',
    mimeType: 'application/vnd.google-apps.spreadsheet',
    owner: OWNER,
    viewers: new Set(),
    editors: new Set(),
    createdAt: Date.UTC(2026, 0, 1),
  };
  world.files.set(id, f);
  return f;
}

const as = (world: World, email: string) => createDriveApp(fakeEnv({ effectiveUserEmail: email }), world);

describe('DriveApp.getFileById', () => {
  it('finds a spreadsheet of the world as a file', () => {
    const world = createWorld();
    sheet(world);
    const file = as(world, OWNER).getFileById('sheet-1');
    expect(file.getId()).toBe('sheet-1');
    expect(file.getName()).toBe('정산 - 파트너');
    expect(file.getMimeType()).toBe('application/vnd.google-apps.spreadsheet');
    expect(file.getUrl()).toBe('https://docs.google.com/spreadsheets/d/sheet-1/edit?usp=drivesdk');
    expect(file.getOwner().getEmail()).toBe(OWNER);
    expect(file.getDateCreated().getTime()).toBe(Date.UTC(2026, 0, 1));
  });

  it('reports an unknown id, and a file the user cannot reach, the same way', () => {
    const world = createWorld();
    sheet(world);
    const message = 'No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.';
    expect(driveMessages.noItem).toBe(message);
    expect(() => as(world, OWNER).getFileById('nope')).toThrow(message);
    expect(() => as(world, 'stranger@x.com').getFileById('sheet-1')).toThrow(message);
  });
});

describe('Sharing a settlement sheet view-only with a partner', () => {
  it('adds the partner as a viewer, who can then open it but not change it', () => {
    const world = createWorld();
    sheet(world);
    const file = as(world, OWNER).getFileById('sheet-1');
    expect(file.addViewer(PARTNER)).toBe(file);
    expect(file.getViewers().map((u) => u.getEmail())).toEqual([PARTNER]);
    expect(file.getAccess(PARTNER)).toBe('VIEW');

    const seen = as(world, PARTNER).getFileById('sheet-1');
    expect(seen.getName()).toBe('정산 - 파트너');
    expect(() => seen.addViewer('friend@x.com')).toThrow('Access denied: DriveApp.');
    expect(() => seen.setName('mine')).toThrow('Access denied: DriveApp.');
    // Without edit access the lists come back empty (documented).
    expect(seen.getViewers()).toEqual([]);
  });

  it('records the notification Drive sends to a new viewer', () => {
    const world = createWorld();
    sheet(world);
    as(world, OWNER).getFileById('sheet-1').addViewers([PARTNER, 'Second@Reseller.kr']);
    expect(shareNotifications(world).map((n) => [n.email, n.role])).toEqual([
      [PARTNER, 'viewer'],
      ['second@reseller.kr', 'viewer'],
    ]);
    expect(world.mail).toEqual([]);
  });

  it('takes User objects as well as addresses', () => {
    const world = createWorld();
    sheet(world);
    const partner = createSession(fakeEnv({ activeUserEmail: PARTNER }), world).getActiveUser();
    const file = as(world, OWNER).getFileById('sheet-1').addViewer(partner);
    expect(file.getViewers()[0]!.getEmail()).toBe(PARTNER);
    expect(file.getViewers()[0]!.getDomain()).toBe('reseller.kr');
  });

  it('removes a viewer, ending their access', () => {
    const world = createWorld();
    sheet(world);
    as(world, OWNER).getFileById('sheet-1').addViewer(PARTNER).removeViewer(PARTNER);
    expect(() => as(world, PARTNER).getFileById('sheet-1')).toThrow(driveMessages.noItem);
  });

  it('does not demote an editor or the owner to viewer', () => {
    const world = createWorld();
    const f = sheet(world);
    const file = as(world, OWNER).getFileById('sheet-1').addEditor('staff@factory.kr');
    file.addViewer('staff@factory.kr').addViewer(OWNER);
    expect(file.getEditors().map((u) => u.getEmail())).toEqual(['staff@factory.kr']);
    expect(file.getViewers()).toEqual([]);
    expect([...f.viewers]).toEqual([]);
  });

  it('promotes a viewer to editor, and removeEditor takes the edit right away', () => {
    const world = createWorld();
    sheet(world);
    const file = as(world, OWNER).getFileById('sheet-1').addViewer(PARTNER).addEditor(PARTNER);
    expect(file.getAccess(PARTNER)).toBe('EDIT');
    expect(file.getViewers()).toEqual([]);
    file.removeEditor(PARTNER);
    expect(file.getAccess(PARTNER)).toBe('NONE');
  });

  it('refuses an address that is not one', () => {
    const world = createWorld();
    sheet(world);
    expect(() => as(world, OWNER).getFileById('sheet-1').addViewer('partner')).toThrow('Invalid argument: permission.value');
  });
});

describe('General access', () => {
  it('starts PRIVATE / NONE and follows setSharing', () => {
    const world = createWorld();
    sheet(world);
    const drive = as(world, OWNER);
    const file = drive.getFileById('sheet-1');
    expect([file.getSharingAccess(), file.getSharingPermission()]).toEqual(['PRIVATE', 'NONE']);
    file.setSharing(drive.constants.Access.ANYONE_WITH_LINK as never, drive.constants.Permission.VIEW as never);
    expect([file.getSharingAccess(), file.getSharingPermission()]).toEqual(['ANYONE_WITH_LINK', 'VIEW']);
    expect(as(world, 'anyone@x.com').getFileById('sheet-1').getName()).toBe('정산 - 파트너');
    expect(() => file.setSharing('WORLD' as never, 'VIEW' as never)).toThrow(/don't match the method signature for DriveApp\.File\.setSharing/);
  });

  it('lets DOMAIN sharing reach only the owner domain', () => {
    const world = createWorld();
    sheet(world);
    as(world, OWNER).getFileById('sheet-1').setSharing('DOMAIN' as never, 'EDIT' as never);
    expect(as(world, 'staff@factory.kr').getFileById('sheet-1').getAccess('staff@factory.kr')).toBe('EDIT');
    expect(() => as(world, PARTNER).getFileById('sheet-1')).toThrow(driveMessages.noItem);
  });

  it('exposes Access and Permission as enums', () => {
    expect(createDriveApp(fakeEnv(), createWorld()).constants).toEqual({
      Access: { ANYONE: 'ANYONE', ANYONE_WITH_LINK: 'ANYONE_WITH_LINK', DOMAIN: 'DOMAIN', DOMAIN_WITH_LINK: 'DOMAIN_WITH_LINK', PRIVATE: 'PRIVATE' },
      Permission: { VIEW: 'VIEW', EDIT: 'EDIT', COMMENT: 'COMMENT', OWNER: 'OWNER', ORGANIZER: 'ORGANIZER', NONE: 'NONE' },
    });
  });
});

describe('Files made by the script', () => {
  it('creates a text file owned by the effective user', () => {
    const world = createWorld();
    const drive = as(world, OWNER);
    const file = drive.createFile('report.csv', 'a,b\n1,2', 'text/csv');
    expect(world.files.get(file.getId())).toMatchObject({ name: 'report.csv', mimeType: 'text/csv', owner: OWNER });
    expect(file.getBlob().getDataAsString()).toBe('a,b\n1,2');
    expect(file.getSize()).toBe(7);
    expect(file.getUrl()).toBe(`https://drive.google.com/file/d/${file.getId()}/view?usp=drivesdk`);
    expect(drive.createFile('notes', 'x').getMimeType()).toBe('text/plain');
  });

  it('creates a file from a blob', () => {
    const world = createWorld();
    const drive = as(world, OWNER);
    const file = drive.createFile(newBlobFromBytes(new Uint8Array([1, 2]), 'application/pdf', 'a.pdf'));
    expect([file.getName(), file.getMimeType(), file.getSize()]).toEqual(['a.pdf', 'application/pdf', 2]);
  });

  it('renames, describes, updates and trashes (trash is for the owner)', () => {
    const world = createWorld();
    const env = fakeEnv({ effectiveUserEmail: OWNER });
    const file = createDriveApp(env, world).createFile('a.txt', 'x');
    env.advance(60_000);
    file.setName('b.txt').setDescription('weekly').setContent('y');
    expect([file.getName(), file.getDescription(), file.getBlob().getDataAsString()]).toEqual(['b.txt', 'weekly', 'y']);
    expect(file.getLastUpdated().getTime()).toBe(env.now());
    file.addEditor('staff@factory.kr');
    expect(() => as(world, 'staff@factory.kr').getFileById(file.getId()).setTrashed(true)).toThrow('Access denied: DriveApp.');
    file.setTrashed(true);
    expect(file.isTrashed()).toBe(true);
    expect(as(world, OWNER).getFileById(file.getId()).isTrashed()).toBe(true);
  });

  it('is a round trip per call, except getId', () => {
    const world = createWorld();
    sheet(world);
    const file = as(world, OWNER).getFileById('sheet-1');
    expect([...file.localMethods]).toEqual(['getId']);
    expect(file.gasName).toBe('DriveApp.File');
  });
});

describe('what scripts see', () => {
  it('exposes the File API and no helpers', () => {
    const world = createWorld();
    sheet(world);
    const exposed = exposedMethods(as(world, OWNER).getFileById('sheet-1'));
    expect(exposed).toContain('addViewer');
    for (const helper of ['meta', 'myAccess', 'requireEdit', 'touch', 'notify', 'target']) expect(exposed).not.toContain(helper);
  });
});
