export { seedDemoPeople, type DemoPeopleOptions, type DemoPeopleResult } from './seed-demo-people.ts';
export { generateDistrict, type GenerateOptions } from './generate.ts';
export { seedDemoPeopleCommand } from './cli.ts';
export type * from './types.ts';
