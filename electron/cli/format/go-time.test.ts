import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goRFC3339, goTimeString, localZone, unixSeconds } from './go-time';

/** A minimal TZif v2 file: one zone type, no transitions, the given POSIX footer. */
function tzif(abbr: string, offset: number, footer: string): Buffer {
  const header = (version: string, typeCount: number, charCount: number) => {
    const h = Buffer.alloc(44);
    h.write('TZif', 0, 'latin1');
    h.write(version, 4, 'latin1');
    h.writeUInt32BE(typeCount, 20 + 4 * 4);
    h.writeUInt32BE(charCount, 20 + 5 * 4);
    return h;
  };
  const chars = Buffer.from(`${abbr}\0`, 'latin1');
  const type = Buffer.alloc(6);
  type.writeInt32BE(offset, 0);
  const block = Buffer.concat([type, chars]);
  return Buffer.concat([header('2', 1, chars.length), block, header('2', 1, chars.length), block, Buffer.from(`\n${footer}\n`)]);
}

function zoneDir(zones: Record<string, Buffer>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-zoneinfo-'));
  for (const [name, data] of Object.entries(zones)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), data);
  }
  return dir;
}

const at = (iso: string) => unixSeconds(iso);

describe("Go's time formatting in the local zone", () => {
  const dir = zoneDir({
    'Test/Sydney': tzif('AEST', 36000, 'AEST-10AEDT,M10.1.0,M4.1.0/3'),
    'Test/Plus3': tzif('+03', 10800, '<+03>-3'),
    'Test/Noname': tzif('', 19800, ''),
  });

  it('follows a zone\'s daylight-saving rule, southern hemisphere included', () => {
    const zone = localZone({ TZ: 'Test/Sydney', ZONEINFO: dir });
    expect(goTimeString(at('2031-01-15T12:00:00Z'), zone)).toBe('2031-01-15 23:00:00 +1100 AEDT');
    expect(goTimeString(at('2031-07-15T12:00:00Z'), zone)).toBe('2031-07-15 22:00:00 +1000 AEST');
    // DST ends on the first Sunday of April 2031 (the 6th) at 03:00 local daylight time = 16:00 UTC the day before.
    expect(goTimeString(at('2031-04-05T15:59:59Z'), zone)).toBe('2031-04-06 02:59:59 +1100 AEDT');
    expect(goTimeString(at('2031-04-05T16:00:00Z'), zone)).toBe('2031-04-06 02:00:00 +1000 AEST');
    expect(goRFC3339(at('2031-01-15T12:00:00Z'), zone)).toBe('2031-01-15T23:00:00+11:00');
  });

  it('prints numeric abbreviations as the zone names them, and the offset when it has none', () => {
    expect(goTimeString(at('2024-01-01T00:00:00Z'), localZone({ TZ: ':Test/Plus3', ZONEINFO: dir }))).toBe(
      '2024-01-01 03:00:00 +0300 +03',
    );
    expect(goTimeString(at('2024-01-01T00:00:00Z'), localZone({ TZ: 'Test/Noname', ZONEINFO: dir }))).toBe(
      '2024-01-01 05:30:00 +0530 +0530',
    );
  });

  it('uses UTC for TZ="" and for a zone it cannot load, with Z in RFC 3339', () => {
    for (const TZ of ['', 'UTC', 'Nowhere/Atall']) {
      const zone = localZone({ TZ, ZONEINFO: dir });
      expect(goTimeString(at('2024-01-01T00:00:00Z'), zone)).toBe('2024-01-01 00:00:00 +0000 UTC');
      expect(goRFC3339(at('2024-01-01T00:00:00Z'), zone)).toBe('2024-01-01T00:00:00Z');
    }
  });

  it('takes whole seconds of RFC 3339 with any fraction', () => {
    expect(unixSeconds('2023-12-01T10:00:00.987654321Z')).toBe(1701424800);
    expect(unixSeconds('garbage')).toBeNaN();
  });

  it.skipIf(!existsSync('/usr/share/zoneinfo/Europe/Berlin'))('matches what Docker printed in Europe/Berlin', () => {
    const zone = localZone({ TZ: 'Europe/Berlin' });
    expect(goTimeString(at('2026-11-30T08:00:00Z'), zone)).toBe('2026-11-30 09:00:00 +0100 CET');
    expect(goTimeString(at('2025-06-01T12:30:00Z'), zone)).toBe('2025-06-01 14:30:00 +0200 CEST');
    expect(goTimeString(at('1999-06-01T00:00:00Z'), zone)).toBe('1999-06-01 02:00:00 +0200 CEST');
    expect(goRFC3339(at('2023-12-01T10:00:00Z'), zone)).toBe('2023-12-01T11:00:00+01:00');
  });
});
