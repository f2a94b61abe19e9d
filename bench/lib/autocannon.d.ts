// The part of autocannon's API the intake bench uses (the package ships no types).
declare module 'autocannon' {
  interface Result { errors: number; timeouts: number; duration: number }
  interface Request { method?: string; path?: string; headers?: Record<string, string>; body?: string; setupRequest?: (req: Record<string, unknown>, context: Record<string, unknown>) => Record<string, unknown> }
  interface Options { url: string; connections?: number; duration?: number; amount?: number; overallRate?: number; timeout?: number; requests?: Request[] }
  interface Instance { on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void; stop(): void }
  function autocannon(opts: Options, done: (err: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
