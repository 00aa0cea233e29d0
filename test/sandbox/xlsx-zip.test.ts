/**
 * The hand-written ZIP container: what writeZip produces must be readable through the central
 * directory (readZip, and node's own inflate), deterministic, and corruption must be noticed.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { randomBytes } from 'node:crypto';
import { readZip, writeZip } from '../../local/runtime/zip';

describe('writeZip / readZip', () => {
  it('round-trips text, binary, empty and non-ASCII-named entries', () => {
    const entries = [
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'dir/binary.bin', data: randomBytes(5000) },
      { name: 'empty.txt', data: Buffer.alloc(0) },
      { name: '한글/파일.txt', data: Buffer.from('안녕하세요 ✓', 'utf8') },
    ];
    const files = readZip(writeZip(entries));
    expect([...files.keys()]).toEqual(entries.map((e) => e.name));
    for (const e of entries) expect(files.get(e.name)!.equals(e.data)).toBe(true);
  });

  it('compresses a chunked entry larger than one deflate piece into one valid stream', () => {
    // 3 MiB over many chunks crosses the 1 MiB piece boundary several times.
    const chunks = Array.from({ length: 300 }, (_, i) => Buffer.from(`<row r="${i}">${'x'.repeat(10_000)}</row>`));
    const whole = Buffer.concat(chunks);
    const zip = writeZip([{ name: 'big.xml', data: chunks }]);
    expect(readZip(zip).get('big.xml')!.equals(whole)).toBe(true);
    expect(zip.length).toBeLessThan(whole.length / 50); // actually deflated
    // Independently of readZip: the data right after the local header inflates to the same bytes.
    const nameLen = zip.readUInt16LE(26);
    const compressed = zip.subarray(30 + nameLen, 30 + nameLen + zip.readUInt32LE(18));
    expect(inflateRawSync(compressed).equals(whole)).toBe(true);
    expect(zip.readUInt32LE(14)).toBe(crc32(whole) >>> 0);
  });

  it('writes the records APPNOTE describes: local headers, central directory, end record', () => {
    const zip = writeZip([
      { name: 'a.txt', data: Buffer.from('a') },
      { name: 'b.txt', data: Buffer.from('bb') },
    ]);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt16LE(6) & 0x0800).toBe(0x0800); // UTF-8 names flag
    expect(zip.readUInt16LE(8)).toBe(8); // deflate
    expect(zip.readUInt16LE(10)).toBe(0); // DOS time 00:00:00
    expect(zip.readUInt16LE(12)).toBe((0 << 9) | (1 << 5) | 1); // DOS date 1980-01-01
    const end = zip.length - 22;
    expect(zip.readUInt32LE(end)).toBe(0x06054b50);
    expect(zip.readUInt16LE(end + 8)).toBe(2);
    expect(zip.readUInt16LE(end + 10)).toBe(2);
    const cdOffset = zip.readUInt32LE(end + 16);
    expect(zip.readUInt32LE(cdOffset)).toBe(0x02014b50);
    expect(cdOffset + zip.readUInt32LE(end + 12)).toBe(end);
  });

  it('is byte-for-byte deterministic', () => {
    const make = () => writeZip([{ name: 'x.xml', data: Buffer.from('<x>같은 입력</x>') }, { name: 'y', data: [Buffer.from('1'), Buffer.from('2')] }]);
    expect(make().equals(make())).toBe(true);
  });

  it('rejects duplicate names', () => {
    expect(() => writeZip([{ name: 'a', data: Buffer.from('1') }, { name: 'a', data: Buffer.from('2') }])).toThrow(/duplicate/);
  });

  it('notices corruption and truncation', () => {
    const zip = writeZip([{ name: 'a.txt', data: Buffer.from('hello hello hello hello') }]);
    const flipped = Buffer.from(zip);
    flipped.writeUInt8(flipped.readUInt8(14) ^ 0xff, 14); // readZip trusts the central CRC, not the local copy
    const cdOffset = zip.readUInt32LE(zip.length - 22 + 16);
    const badCrc = Buffer.from(zip);
    badCrc.writeUInt8(badCrc.readUInt8(cdOffset + 16) ^ 0x01, cdOffset + 16);
    expect(() => readZip(badCrc)).toThrow(/CRC|size|invalid/i);
    expect(() => readZip(zip.subarray(0, zip.length - 5))).toThrow(/end of central directory/);
    expect(readZip(flipped).get('a.txt')!.toString()).toBe('hello hello hello hello');
  });
});
