import { describe, expect, it } from 'vitest';
import { takeTokenFromUrl } from './token.js';

describe('takeTokenFromUrl', () => {
  it('takes the token and keeps the rest of the address', () => {
    expect(takeTokenFromUrl('http://x/display?views=overview&token=abc&interval=30#k')).toEqual({
      token: 'abc', cleanUrl: '/display?views=overview&interval=30#k',
    });
  });
  it('changes nothing without a token', () => {
    expect(takeTokenFromUrl('http://x/unit/HN-HK?period=month')).toEqual({ token: null, cleanUrl: null });
  });
  it('strips an empty token without keeping it', () => {
    expect(takeTokenFromUrl('http://x/?token=')).toEqual({ token: null, cleanUrl: '/' });
  });
});
