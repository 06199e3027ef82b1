// Faults a fake server injects on demand, in order, each for a number of requests.
// Servers call `take()` once per request (after auth) and act on what it returns.

export type Fault =
  | { kind: 'rate_limit'; retryAfterSeconds: number } // 429 with Retry-After
  | { kind: 'server_error'; status?: number } // 500 (or another 5xx)
  | { kind: 'timeout' } // accept, never answer (until the client gives up)
  | { kind: 'slow'; ms: number } // answer correctly, late
  | { kind: 'fail_page'; page: number }; // a 500 on the Nth page of a paginated read (1 = first)

type Planned = { fault: Fault; remaining: number };

export class FaultPlan {
  private queue: Planned[] = [];
  readonly log: { at: number; fault: Fault['kind']; path: string }[] = [];

  inject(fault: Fault, times = 1): this {
    this.queue.push({ fault, remaining: times });
    return this;
  }

  clear(): void {
    this.queue = [];
  }

  get pending(): number {
    return this.queue.reduce((s, p) => s + p.remaining, 0);
  }

  // The fault for this request, if any. `page` is 1 for a request without a page cursor.
  take(path: string, page: number): Fault | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    if (head.fault.kind === 'fail_page' && head.fault.page !== page) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.queue.shift();
    this.log.push({ at: Date.now(), fault: head.fault.kind, path });
    return head.fault;
  }
}
