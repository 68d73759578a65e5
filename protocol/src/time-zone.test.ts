import { describe, expect, it } from 'vitest';
import { isTimeZone } from './common.js';
import { russianTimeZones, ZSchoolSettingsRequest } from './org.js';

describe('time zones', () => {
  it("know every zone offered first, Russia's, and UTC", () => {
    for (const zone of [...russianTimeZones, 'UTC', 'Europe/Berlin'])
      expect(isTimeZone(zone), zone).toBe(true);
  });

  it('refuse what is not an IANA zone as the runtime lists it', () => {
    for (const zone of ['Mars/Olympus', 'europe/moscow', 'Moscow', '', '+03:00']) {
      expect(isTimeZone(zone), zone).toBe(false);
    }
  });

  it('are checked by the school settings schema', () => {
    expect(ZSchoolSettingsRequest.safeParse({ timeZone: 'Asia/Kamchatka' }).success).toBe(true);
    expect(ZSchoolSettingsRequest.safeParse({ timeZone: 'Asia/Atlantis' }).success).toBe(false);
  });
});
