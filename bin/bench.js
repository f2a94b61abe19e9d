#!/usr/bin/env node
// `npm run bench` runs every benchmark in bench/; `npm run bench -- NAME` runs bench/NAME.ts.
import { register } from 'tsx/esm/api';
register();
await import('../bench/run.ts');
