import { describe, expect, it } from 'vitest';
import { loginPathFor, safeRedirect } from './redirect.js';

describe('safeRedirect', () => {
  it('keeps a path inside the app, with its query', () => {
    expect(safeRedirect('/admin/users?page=2')).toBe('/admin/users?page=2');
  });

  it('refuses absolute, protocol-relative and backslash URLs', () => {
    expect(safeRedirect('https://evil.example/')).toBe('/');
    expect(safeRedirect('//evil.example/')).toBe('/');
    expect(safeRedirect('/\\evil.example')).toBe('/');
    expect(safeRedirect(null)).toBe('/');
  });

  it('never returns to the sign-in page itself', () => {
    expect(safeRedirect('/login?redirect=%2Fdesk')).toBe('/');
  });
});

describe('loginPathFor', () => {
  it('encodes the page to return to', () => {
    expect(loginPathFor('/admin/users?page=2')).toBe('/login?redirect=%2Fadmin%2Fusers%3Fpage%3D2');
  });

  it('adds nothing for the home page', () => {
    expect(loginPathFor('/')).toBe('/login');
  });
});
