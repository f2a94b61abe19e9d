import { parentPort, workerData } from 'node:worker_threads';
import { ModelCache } from './model-cache.ts';
import { FileClassifierStore } from './persist.ts';

/** The scoring thread's body: texts in, scores out (see scoring-thread.ts). */
const models = new ModelCache(new FileClassifierStore((workerData as { dir: string }).dir));

parentPort!.on('message', (asks: { id: number; cityCode: string; text: string }[]) => {
  void Promise.all(asks.map((m) => models.score(m.cityCode, m.text).then(
    (scored) => ({ id: m.id, scored }),
    (err: unknown) => ({ id: m.id, error: err instanceof Error ? err.message : String(err) }),
  ))).then((answers) => parentPort!.postMessage(answers));
});
