/**
 * The nonces seen within the window, so a captured request cannot be sent again. Bounded: when
 * full even after forgetting the expired ones, new requests are refused (`full`) rather than
 * forgetting a live nonce, which would let its request be replayed.
 */
export class NonceSet {
  /** nonce → epoch ms after which its request is refused as expired anyway. */
  private readonly seen = new Map<string, number>();
  private addsSinceSweep = 0;

  constructor(private readonly max: number) {}

  add(nonce: string, keepUntil: number, now: number): 'added' | 'seen' | 'full' {
    const until = this.seen.get(nonce);
    if (until !== undefined && until >= now) return 'seen';
    if (this.seen.size >= this.max || ++this.addsSinceSweep >= 1000) this.sweep(now);
    if (this.seen.size >= this.max) return 'full';
    this.seen.delete(nonce);
    this.seen.set(nonce, keepUntil);
    return 'added';
  }

  get size(): number {
    return this.seen.size;
  }

  private sweep(now: number): void {
    this.addsSinceSweep = 0;
    for (const [nonce, until] of this.seen) if (until < now) this.seen.delete(nonce);
  }
}
