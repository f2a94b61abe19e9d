// Small shapes shared by the registry pages.
import type { RecordKind } from '../../api/registry';

/** A record to show in the detail drawer. */
export interface RecordRef { kind: RecordKind; id: number }

/** One row of a record's detail list. */
export interface Field { label: string; value: string | number | null | undefined; mono?: boolean; wide?: boolean; /** the value is a grid code: show its name */ grid?: boolean }

/** Whose number is about to be revealed (查看明文). */
export interface RevealTarget { personId: number; name: string; field: 'idNumber' | 'phone' }
