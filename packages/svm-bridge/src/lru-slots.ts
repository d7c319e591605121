/**
 * Which of `slots` storage slots holds each of `keys` keys, evicting the least recently used: the
 * bookkeeping of libsvm's kernel cache, shared by the solver's column cache and the class-block cache.
 * Storage itself stays with the caller (one typed array of `slots × slot length`).
 */
export class LruSlots {
  /** Slot of each key, −1 when not cached (hot loops may test membership directly). */
  readonly slotOf: Int32Array;
  private readonly owner: Int32Array;
  /** Doubly linked list over slots, head = most recently used. */
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  private head = -1;
  private tail = -1;
  private used = 0;

  constructor(keys: number, slots: number) {
    this.slotOf = new Int32Array(keys).fill(-1);
    this.owner = new Int32Array(slots).fill(-1);
    this.prev = new Int32Array(slots).fill(-1);
    this.next = new Int32Array(slots).fill(-1);
  }

  /** The slot holding `key`, now the most recent; −1 when `key` is not cached. */
  touch(key: number): number {
    const s = this.slotOf[key];
    if (s >= 0 && this.head !== s) {
      this.unlink(s);
      this.pushFront(s);
    }
    return s;
  }

  /**
   * A slot to fill: a free one, or the least recent, whose key is forgotten at once (so a fill that
   * consults `slotOf` never reads the slot being overwritten). Follow with {@link LruSlots.assign}.
   */
  take(): number {
    if (this.used < this.owner.length) return this.used++;
    const s = this.tail;
    this.unlink(s);
    this.slotOf[this.owner[s]] = -1;
    this.owner[s] = -1;
    return s;
  }

  /** Records that slot `s` (from {@link LruSlots.take}) now holds `key`, as the most recent. */
  assign(key: number, s: number): void {
    this.owner[s] = key;
    this.slotOf[key] = s;
    this.pushFront(s);
  }

  private unlink(s: number): void {
    const p = this.prev[s];
    const q = this.next[s];
    if (p >= 0) this.next[p] = q;
    else this.head = q;
    if (q >= 0) this.prev[q] = p;
    else this.tail = p;
  }

  private pushFront(s: number): void {
    this.prev[s] = -1;
    this.next[s] = this.head;
    if (this.head >= 0) this.prev[this.head] = s;
    this.head = s;
    if (this.tail < 0) this.tail = s;
  }
}
