import { describe, expect, it } from 'vitest';
import { csrfHeaders, readCookie } from './csrf.js';

describe('readCookie', () => {
  it('finds a cookie among others, ignoring spaces', () => {
    expect(readCookie('a=1; xlgl_csrf=abc123; b=2', 'xlgl_csrf')).toBe('abc123');
  });

  it('does not match a cookie whose name only ends with the wanted name', () => {
    expect(readCookie('old_xlgl_csrf=nope', 'xlgl_csrf')).toBeUndefined();
  });

  it('decodes percent-encoded values and keeps "=" inside the value', () => {
    expect(readCookie('xlgl_csrf=a%2Bb==', 'xlgl_csrf')).toBe('a+b==');
  });
});

describe('csrfHeaders', () => {
  it('sends the cookie value as x-csrf-token', () => {
    expect(csrfHeaders('xlgl_session=s; xlgl_csrf=t0k3n')).toEqual({ 'x-csrf-token': 't0k3n' });
  });

  it('sends no header before the server has set the cookie', () => {
    expect(csrfHeaders('')).toEqual({});
    expect(csrfHeaders('xlgl_session=s')).toEqual({});
  });
});
