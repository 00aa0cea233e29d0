/**
 * Blobs and archives (fidelity §1.2 rows 53–55).
 */
import { unzipSync } from 'node:zlib';
import { Blob } from '../../local/runtime/services/blob';
import { fakeEnv } from '../../local/runtime/services/testing-env';
import { createUtilities } from '../../local/runtime/services/utilities';
import { createWorld } from '../../local/runtime/world';
import { exposedMethods } from '../../local/runtime/handles';

const u = () => createUtilities(fakeEnv(), createWorld());
const TEXT = 'some text content\n한글 포함';

describe('newBlob (row 55)', () => {
  it('makes a nameless text/plain blob from text, stored as UTF-8', () => {
    const blob = u().newBlob(TEXT);
    expect(blob.gasName).toBe('Blob');
    expect(blob.getName()).toBeNull();
    expect(blob.getContentType()).toBe('text/plain');
    expect(blob.isGoogleType()).toBe(false);
    expect(blob.getDataAsString()).toBe(TEXT);
    expect(blob.getBytes()).toEqual([...Buffer.from(TEXT, 'utf8')].map((b) => (b > 127 ? b - 256 : b)));
  });

  it('takes bytes, a type and a name', () => {
    const utils = u();
    const bytes = utils.newBlob(TEXT).getBytes();
    const blob = utils.newBlob(bytes, 'text/plain', 'b.txt');
    expect(blob.getName()).toBe('b.txt');
    expect(blob.getContentType()).toBe('text/plain');
    expect(blob.getBytes()).toEqual(bytes);
    expect(utils.newBlob(bytes).getContentType()).toBeNull();
  });

  it('copies independently', () => {
    const blob = u().newBlob(TEXT);
    const copy = blob.copyBlob();
    copy.setName('other.txt').setDataFromString('changed');
    expect(blob.getName()).toBeNull();
    expect(blob.getDataAsString()).toBe(TEXT);
    expect(copy.getDataAsString()).toBe('changed');
  });

  it('reads and writes other charsets by Java name', () => {
    const blob = u().newBlob([-57, -47]); // 한 in EUC-KR
    expect(blob.getDataAsString('EUC-KR')).toBe('한');
    expect(blob.setDataFromString('é', 'ISO-8859-1').getBytes()).toEqual([-23]);
    expect(blob.getDataAsString('US-ASCII')).toBe('\ufffd');
  });

  it('guesses the type from the name and knows no conversions but identity', () => {
    const blob = u().newBlob('x', null as unknown as string, 'report.csv');
    expect(blob.setContentTypeFromExtension().getContentType()).toBe('text/csv');
    expect(blob.setName('noext').setContentTypeFromExtension().getContentType()).toBeNull();
    expect(blob.setContentType('text/plain').getAs('text/plain').getDataAsString()).toBe('x');
    expect(() => blob.getAs('application/pdf')).toThrow('Converting from text/plain to application/pdf is not supported.');
  });

  it('is all local: reading a blob is not a round trip', () => {
    const blob = u().newBlob('x');
    for (const m of ['getBytes', 'getDataAsString', 'getContentType', 'getName', 'setName', 'copyBlob']) expect(blob.localMethods.has(m)).toBe(true);
  });
});

describe('zip and unzip (row 53)', () => {
  it('names the archive archive.zip unless told, typed application/zip', () => {
    const utils = u();
    const blobs = [TEXT, 'second'].map((t, i) => utils.newBlob(t, 'text/plain', `b${i}.txt`));
    const z = utils.zip(blobs);
    expect(z.getName()).toBe('archive.zip');
    expect(z.getContentType()).toBe('application/zip');
    expect(utils.zip(blobs, 'y.zip').getName()).toBe('y.zip');
  });

  it('unzips to the same names, types and contents', () => {
    const utils = u();
    const blobs = [utils.newBlob(TEXT, 'text/plain', 'b0.txt'), utils.newBlob('{"a":1}', 'application/json', 'data.json')];
    const out = utils.unzip(utils.zip(blobs));
    expect(out.map((b) => [b.getName(), b.getContentType(), b.getDataAsString()])).toEqual([
      ['b0.txt', 'text/plain', TEXT],
      ['data.json', 'application/json', '{"a":1}'],
    ]);
  });

  it('writes a real zip file', () => {
    const utils = u();
    const z = utils.zip([utils.newBlob('hello', 'text/plain', 'h.txt')]);
    const bytes = Buffer.from(z.getBytes().map((b) => b & 0xff));
    expect(bytes.readUInt32LE(0)).toBe(0x04034b50);
    expect(bytes.includes(Buffer.from('h.txt'))).toBe(true);
  });
});

describe('gzip and ungzip (row 54)', () => {
  it('gzips to archive.gz, application/x-gzip; ungzips to "archive" with type null', () => {
    const utils = u();
    const gz = utils.gzip(utils.newBlob(TEXT));
    expect(gz.getContentType()).toBe('application/x-gzip');
    expect(gz.getName()).toBe('archive.gz');
    expect(unzipSync(Buffer.from(gz.getBytes().map((b) => b & 0xff))).toString('utf8')).toBe(TEXT);
    const back = utils.ungzip(gz);
    expect(back.getDataAsString()).toBe(TEXT);
    expect(back.getContentType()).toBeNull();
    expect(back.getName()).toBe('archive');
  });

  it('keeps a given name through the round trip', () => {
    const utils = u();
    expect(utils.ungzip(utils.gzip(utils.newBlob(TEXT), 'named')).getName()).toBe('named');
  });

  it('takes any BlobSource', () => {
    const utils = u();
    const source = { getBlob: () => utils.newBlob('via source') };
    expect(utils.ungzip(utils.gzip(source as unknown as Blob)).getDataAsString()).toBe('via source');
  });
});

describe('what scripts see', () => {
  it('exposes the Blob API and hides _bytes', () => {
    expect(exposedMethods(u().newBlob('x'))).toEqual([
      'copyBlob', 'getAllBlobs', 'getAs', 'getBlob', 'getBytes', 'getContentType', 'getDataAsString', 'getName', 'isGoogleType',
      'setBytes', 'setContentType', 'setContentTypeFromExtension', 'setDataFromString', 'setName',
    ]);
  });
});
