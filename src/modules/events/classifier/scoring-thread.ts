import { Worker } from 'node:worker_threads';
import type { Scored } from './model-cache.ts';

type Answer = { id: number; scored?: Scored | null; error?: string };
type Ask = { id: number; cityCode: string; text: string };

/**
 * Scoring on a thread of its own, for the texts that come together: segmenting and scoring a text
 * takes ~0.15 ms of CPU (more for a long one), which under load would hold up the requests behind it
 * on the request thread. A text that comes alone in its turn of the event loop is scored by `alone`
 * instead (on the calling thread, when given): waking the other thread for one text and back costs
 * more CPU than scoring it (measured: ~0.3 ms). The thread starts on the first text it gets, does
 * not keep the process alive, and is started again if it dies.
 */
export class ScoringThread {
  private worker: Worker | null = null;
  private pending = new Map<number, { resolve: (s: Scored | null) => void; reject: (e: Error) => void }>();
  private next = 1;
  private asks: Ask[] = [];

  constructor(private readonly dir: string, private readonly alone?: (cityCode: string, text: string) => Promise<Scored | null>) {}

  score(cityCode: string, text: string): Promise<Scored | null> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // The texts of one turn of the event loop go in one message: waking a thread costs more than the copy.
      if (this.asks.push({ id, cityCode, text }) === 1) setImmediate(() => this.send());
    });
  }

  private send(): void {
    const asks = this.asks;
    this.asks = [];
    if (asks.length === 1 && this.alone) {
      const [{ id, cityCode, text }] = asks;
      const p = this.pending.get(id)!;
      this.pending.delete(id);
      this.alone(cityCode, text).then(p.resolve, p.reject);
      return;
    }
    (this.worker ?? this.start()).postMessage(asks);
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }

  private start(): Worker {
    // The sources are TypeScript: the thread registers tsx itself (a worker does not inherit the parent's loader).
    const entry = new URL('./scoring-worker.ts', import.meta.url).href;
    const w = new Worker(`import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`, { eval: true, workerData: { dir: this.dir } });
    w.unref();
    w.on('message', (answers: Answer[]) => {
      for (const a of answers) {
        const p = this.pending.get(a.id);
        this.pending.delete(a.id);
        if (a.error !== undefined) p?.reject(new Error(a.error));
        else p?.resolve(a.scored ?? null);
      }
    });
    const fail = (err: Error) => {
      if (this.worker === w) this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`classifier thread exited with code ${code}`)));
    this.worker = w;
    return w;
  }
}
