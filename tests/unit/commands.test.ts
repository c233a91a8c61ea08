import { describe, expect, it } from 'vitest';
import { registerCommands, type Command } from '../../renderer/commands/registry';
import { shortcutIdOf, shortcutLabel, shortcutMatches, type KeyLike, type Shortcut } from '../../renderer/commands/shortcuts';

const key = (k: string, code: string, mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, code, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods });

type Counter = { state: { count: number } };
const command = (name: string, shortcuts: Shortcut[], extra: Partial<Command<Counter, number>> = {}): Command<Counter, number> => ({
  name,
  labelKey: `test.${name}`,
  group: 'test',
  shortcuts,
  perform: ({ state }) => state.count + 1,
  ...extra,
});

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

  it('are the same shortcut when they are pressed the same way', () => {
    expect(shortcutIdOf({ key: 'Z', mod: true })).toBe(shortcutIdOf({ key: 'z', mod: true }));
    expect(shortcutIdOf({ key: '?', shift: true })).toBe(shortcutIdOf({ key: '?' }));
    expect(shortcutIdOf({ key: 'z', mod: true })).not.toBe(shortcutIdOf({ key: 'z', mod: true, shift: true }));
    expect(shortcutIdOf({ key: '1' })).not.toBe(shortcutIdOf({ key: '1', alt: true }));
  });

  it('are written the way people read them', () => {
    expect(shortcutLabel({ key: 'z', mod: true, shift: true })).toMatch(/^(Ctrl|⌘)\+Shift\+Z$/);
    expect(shortcutLabel({ key: 'ArrowLeft' })).toBe('←');
    expect(shortcutLabel({ key: 'Enter', alt: true })).toMatch(/Enter$/);
    expect(shortcutLabel({ key: ' ' })).toBe('Space');
    expect(shortcutLabel({ key: ' ' }, (key) => (key === 'keys.space' ? '空格' : key))).toBe('空格');
  });
});

describe('the command registry', () => {
  it('refuses a shortcut claimed by two commands, naming both', () => {
    expect(() => registerCommands('test', [command('undo', [{ key: 'z', mod: true }]), command('revert', [{ key: 'Z', mod: true }])])).toThrow(
      /Ctrl\+Z|⌘\+Z/,
    );
    expect(() => registerCommands('test', [command('undo', [{ key: 'z', mod: true }]), command('revert', [{ key: 'Z', mod: true }])])).toThrow(
      /"undo" and "revert"/,
    );
    expect(() => registerCommands('test', [command('help', [{ key: '?' }]), command('about', [{ key: 'x' }, { key: '?', shift: true }])])).toThrow(/"help" and "about"/);
  });

  it('refuses two commands of one name', () => {
    expect(() => registerCommands('test', [command('zoom', [{ key: '=' }]), command('zoom', [{ key: '-' }])])).toThrow(/two are named "zoom"/);
  });

  it('accepts the same key with other modifiers, and a command listing one shortcut twice', () => {
    const registry = registerCommands('test', [command('zoom-in', [{ key: '=' }, { key: '=' }]), command('fit', [{ key: '=', shift: true }]), command('copy', [{ key: 'c', mod: true }]), command('connect', [{ key: 'c' }])]);
    expect(registry.commands.map((c) => c.name)).toEqual(['zoom-in', 'fit', 'copy', 'connect']);
  });

  it('finds the command of a key, leaving text fields to their text and clipboard keys to clipboard events', () => {
    const registry = registerCommands('test', [
      command('copy', [{ key: 'c', mod: true }], { clipboardEvent: 'copy' }),
      command('connect', [{ key: 'c' }]),
      command('save', [{ key: 's', mod: true }], { inFields: true }),
    ]);
    expect(registry.forKey(key('c', 'KeyC'), false)?.name).toBe('connect');
    expect(registry.forKey(key('c', 'KeyC'), true)).toBeNull();
    expect(registry.forKey(key('c', 'KeyC', { ctrlKey: true }), false)).toBeNull();
    expect(registry.forKey(key('s', 'KeyS', { ctrlKey: true }), true)?.name).toBe('save');
    expect(registry.byName.get('save')!.perform({ state: { count: 2 } })).toBe(3);
  });
});
