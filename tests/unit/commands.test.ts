import { describe, expect, it } from 'vitest';
import { shortcutLabel, shortcutMatches, type KeyLike } from '../../renderer/editor/shortcuts';

const key = (k: string, code: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

describe('shortcuts', () => {
  it('treat Ctrl and ⌘ alike, and compare letters whatever their case', () => {
    expect(shortcutMatches({ key: 'z', mod: true }, key('z', 'KeyZ', { ctrlKey: true }))).toBe(true);
    expect(shortcutMatches({ key: 'z', mod: true }, key('z', 'KeyZ', { metaKey: true }))).toBe(true);
    expect(shortcutMatches({ key: 'z', mod: true, shift: true }, key('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(shortcutMatches({ key: 'z', mod: true }, key('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(shortcutMatches({ key: 'z', mod: true }, key('z', 'KeyZ'))).toBe(false);
  });

  it('read digits from the key position, so Shift+1 is not "!"', () => {
    expect(shortcutMatches({ key: '1', shift: true }, key('!', 'Digit1', { shiftKey: true }))).toBe(true);
    expect(shortcutMatches({ key: '1' }, key('!', 'Digit1', { shiftKey: true }))).toBe(false);
    expect(shortcutMatches({ key: '1' }, key('1', 'Digit1'))).toBe(true);
  });

  it('do not ask for Shift on keys that need it to be typed', () => {
    expect(shortcutMatches({ key: '?' }, key('?', 'Slash', { shiftKey: true }))).toBe(true);
    expect(shortcutMatches({ key: '+' }, key('+', 'Equal', { shiftKey: true }))).toBe(true);
  });

  it('are written the way people read them', () => {
    expect(shortcutLabel({ key: 'z', mod: true, shift: true })).toMatch(/^(Ctrl|⌘)\+Shift\+Z$/);
    expect(shortcutLabel({ key: 'ArrowLeft' })).toBe('←');
    expect(shortcutLabel({ key: 'Enter', alt: true })).toMatch(/Enter$/);
  });
});
