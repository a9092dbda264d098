import type { KeyValueStore } from '../kv';

// Integration health samples (docs/PRODUCT.md): every Chatwoot call's duration and outcome, kept
// durably (the worker dies often) in a bounded ring.

export interface HealthSample {
  at: number; // epoch ms
  ms: number;
  ok: boolean;
  method: string;
}

const KEY = 'health:samples';
const MAX = 500;

export class Health {
  private pending: HealthSample[] = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly kv: KeyValueStore) {}

  record = (sample: { ms: number; ok: boolean; method: string }): void => {
    this.pending.push({ ...sample, at: Date.now() });
    this.flushing ??= this.flush();
  };

  private async flush(): Promise<void> {
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0);
        const stored = (await this.kv.get<HealthSample[]>(KEY)) ?? [];
        await this.kv.set(KEY, [...stored, ...batch].slice(-MAX));
      }
    } finally {
      this.flushing = null;
    }
  }

  async samples(): Promise<HealthSample[]> {
    return (await this.kv.get<HealthSample[]>(KEY)) ?? [];
  }
}
