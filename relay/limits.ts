/**
 * Per-address limits: how many connections one address may hold open and how many
 * messages it may send per minute. An address is what the relay sees (a NAT'd venue is one
 * address, hence generous defaults); behind a proxy, set the proxy's own limits too.
 */
export class AddressLimits {
  private readonly open = new Map<string, number>();
  private readonly counts = new Map<string, { windowStart: number; messages: number }>();

  constructor(
    private readonly maxConnections: number,
    private readonly maxMessagesPerMinute: number,
  ) {}

  /** False when the address already holds its share; otherwise counts the connection. */
  connect(address: string): boolean {
    const current = this.open.get(address) ?? 0;
    if (current >= this.maxConnections) return false;
    this.open.set(address, current + 1);
    return true;
  }

  disconnect(address: string): void {
    const current = this.open.get(address) ?? 0;
    if (current <= 1) this.open.delete(address);
    else this.open.set(address, current - 1);
  }

  /** False once the address has sent its share of messages in the current minute. */
  message(address: string, now = Date.now()): boolean {
    let count = this.counts.get(address);
    if (!count || now - count.windowStart >= 60_000) {
      count = { windowStart: now, messages: 0 };
      this.counts.set(address, count);
      // Keep the table small: drop addresses whose minute is over.
      if (this.counts.size > 10_000) for (const [key, value] of this.counts) if (now - value.windowStart >= 60_000) this.counts.delete(key);
    }
    count.messages += 1;
    return count.messages <= this.maxMessagesPerMinute;
  }
}
