import { describe, expect, it } from 'vitest';
import { addressForAudit, addressKey } from './client-address.js';

describe('client addresses', () => {
  it('counts an IPv4 address as itself and an IPv6 one by its /64', () => {
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    const sameLine = ['2001:db8:1:2::1', '2001:DB8:1:2:ffff:ffff:ffff:ffff', '2001:0db8:0001:0002:aaaa::5'];
    expect(new Set(sameLine.map(addressKey))).toEqual(new Set(['2001:db8:1:2::/64']));
    expect(addressKey('2001:db8:1:3::1')).toBe('2001:db8:1:3::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('writes only the network into the audit log', () => {
    expect(addressForAudit('198.51.100.77')).toBe('198.51.100.0/24');
    expect(addressForAudit('2001:db8:1:2::1')).toBe('2001:db8:1::/48');
    expect(addressForAudit('not an address')).toBe('unknown');
  });
});
