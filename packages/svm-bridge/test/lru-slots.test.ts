import { describe, expect, it } from 'vitest';
import { LruSlots } from '../src/lru-slots';

describe('LruSlots', () => {
  it('fills free slots first, then evicts the least recently used key and forgets it', () => {
    const lru = new LruSlots(10, 3);
    for (const key of [4, 7, 2]) lru.assign(key, lru.take());
    expect([lru.slotOf[4], lru.slotOf[7], lru.slotOf[2]]).toEqual([0, 1, 2]);
    expect(lru.touch(4)).toBe(0); // 4 becomes the most recent: 7 is now the oldest
    const s = lru.take();
    expect(s).toBe(1);
    expect(lru.slotOf[7]).toBe(-1);
    lru.assign(9, s);
    expect(lru.touch(9)).toBe(1);
    expect(lru.take()).toBe(2); // 2 was used longest ago
    expect(lru.slotOf[2]).toBe(-1);
  });

  it('answers −1 for a key that is not cached, without changing anything', () => {
    const lru = new LruSlots(4, 2);
    expect(lru.touch(3)).toBe(-1);
    lru.assign(3, lru.take());
    expect(lru.touch(1)).toBe(-1);
    expect(lru.touch(3)).toBe(0);
  });
});
