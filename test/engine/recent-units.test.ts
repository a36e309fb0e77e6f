import { describe, expect, it } from 'vitest';
import { RecentUnits } from '../../server/src/engine/recent-units';

interface Entry {
  name: string;
  group?: string;
}

/** What `latestOfGroups` stands for: every entry visited, the last of each group kept. */
function lastOfEachGroup(recent: RecentUnits<Entry>): Map<string, Entry> {
  const latest = new Map<string, Entry>();
  for (const entry of recent.values()) if (entry.group !== undefined) latest.set(entry.group, entry);
  return latest;
}

describe('RecentUnits groups', () => {
  it('gives the most recently added entry of each group, through adds, takes and evictions', () => {
    const recent = new RecentUnits<Entry>((entry) => entry.group, 4);
    const a1 = { name: 'a1', group: 'A' };
    const a2 = { name: 'a2', group: 'A' };
    const b1 = { name: 'b1', group: 'B' };
    const plain = { name: 'plain' };
    recent.add('a1', a1);
    recent.add('b1', b1);
    recent.add('a2', a2);
    recent.add('plain', plain);
    expect(recent.latestOfGroups()).toEqual(
      new Map([
        ['A', a2],
        ['B', b1],
      ]),
    );
    // Added again: the most recent of its group once more.
    recent.add('a1', a1);
    expect(recent.latestOfGroups().get('A')).toBe(a1);
    expect(recent.take('a1')).toBe(a1);
    expect(recent.latestOfGroups().get('A')).toBe(a2);
    // Past four entries the oldest (b1) goes, and its group with it.
    recent.add('x', { name: 'x' });
    recent.add('y', { name: 'y' });
    expect(recent.latestOfGroups()).toEqual(lastOfEachGroup(recent));
    expect(recent.latestOfGroups().has('B')).toBe(false);
  });
});
