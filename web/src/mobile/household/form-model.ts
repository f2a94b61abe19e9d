// The household form (住户采集表) as the phone keeps it: what the worker typed, checked here first
// (GB 11643 check digit, one head of household), then turned into the API requests that carry it.
import { checkIdNumber } from '../../../../src/kernel/validators/id-number.ts';
import type { BuildingDetail, HouseholdDetail } from '../api';
import { localized } from '../format';
import type { DraftStep } from '../offline/outbox';

export const HEAD = '02'; // 与户主关系 02 户主 (GB/T 4761)

export interface PhotoInput { name: string; blob: Blob }

export interface MemberInput {
  /** Set for a member already on the server. */
  personId?: number;
  version?: number;
  /** The masked number the server shows; idNumber stays empty unless the worker types a new one. */
  idMasked?: string | null;
  phoneMasked?: string | null;
  name: string;
  idNumber: string;
  relation: string;
  phone: string;
  residenceType: string;
  tags: string[];
  /** The member as read, to send only what changed. */
  original?: { name: string; relation: string; phone: string; tags: string[] };
}

/** Where the household lives: taken from the building and unit, not typed. */
export interface Place {
  gridCode: string; buildingId: number; buildingName: string; buildingAddress: string | null; unitId: number | null; unitName: string | null;
}

export interface HouseholdInput {
  /** Set when editing a household already on the server. */
  householdId?: number;
  version?: number;
  place: Place;
  room: string;
  phone: string;
  kind: string;
  notes: string;
  tags: string[];
  members: MemberInput[];
  photos: PhotoInput[];
  phoneMasked?: string | null;
  original?: { room: string; phone: string; kind: string; notes: string; tags: string[] };
}

export const emptyMember = (relation = ''): MemberInput => ({ name: '', idNumber: '', relation, phone: '', residenceType: 'registered', tags: [] });

export function placeOf(b: BuildingDetail, unitId: number | null): Place {
  const unit = unitId === null ? null : b.units.find((u) => u.id === unitId) ?? null;
  return { gridCode: b.gridCode, buildingId: b.id, buildingName: b.name, buildingAddress: b.address, unitId: unit?.id ?? null, unitName: unit?.name ?? null };
}

/** 地址: building address, building, unit and room, e.g. "钢铁大街12号 3号楼 2单元 501". */
export function addressOf(place: Place, room: string): string {
  return [place.buildingAddress, place.buildingName, place.unitName, room.trim()].filter((s) => s && s.trim()).join(' ');
}

export function newHousehold(place: Place): HouseholdInput {
  return { place, room: '', phone: '', kind: 'family', notes: '', tags: [], members: [emptyMember(HEAD)], photos: [] };
}

export function householdForEdit(h: HouseholdDetail, place: Place): HouseholdInput {
  const tags = h.tags.map((t) => t.code);
  return {
    householdId: h.id, version: h.version, place, room: h.room ?? '', phone: '', phoneMasked: h.phone, kind: h.kind, notes: h.notes ?? '', tags, photos: [],
    // Phone numbers come masked; an empty box means "keep it".
    original: { room: h.room ?? '', phone: '', kind: h.kind, notes: h.notes ?? '', tags: [...tags] },
    members: h.members.map((m) => {
      const mt = m.tags.map((t) => t.code);
      return {
        personId: m.id, version: m.version, idMasked: m.idNumber, phoneMasked: m.phone, name: m.name, idNumber: '', relation: m.relation ?? '', phone: '',
        residenceType: m.residenceType, tags: mt, original: { name: m.name, relation: m.relation ?? '', phone: '', tags: [...mt] },
      };
    }),
  };
}

const PHONE = /^[0-9+\-\s()]{7,20}$/;

/** Field → message for what the phone can check itself; the same field names the server uses. */
export function checkHousehold(h: HouseholdInput, say: (key: string, named?: Record<string, unknown>) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (h.phone.trim() && !PHONE.test(h.phone.trim())) errors.phone = say('form.badPhone');
  const seen = new Map<string, number>();
  h.members.forEach((m, i) => {
    const at = `members.${i}.`;
    if (!m.name.trim()) errors[`${at}name`] = say('form.nameRequired');
    // A member already on the server keeps its number unless a new one is typed.
    if (!m.personId || m.idNumber.trim()) {
      const r = checkIdNumber(m.idNumber);
      if (!r.ok) errors[`${at}idNumber`] = localized(r.reason);
      else if (seen.has(r.id)) errors[`${at}idNumber`] = say('form.sameId', { n: seen.get(r.id)! + 1 });
      else seen.set(r.id, i);
    }
    if (!m.relation) errors[`${at}relation`] = say('form.relationRequired');
    if (m.phone.trim() && !PHONE.test(m.phone.trim())) errors[`${at}phone`] = say('form.badPhone');
  });
  const heads = h.members.filter((m) => m.relation === HEAD).length;
  if (heads !== 1) errors.members = say('form.oneHead', { n: heads });
  return errors;
}

/** The one ID-number check, shared with the server (GB 11643): the reason when wrong, else null. */
export function idNumberProblem(value: string): string | null {
  const r = checkIdNumber(value);
  return r.ok ? null : localized(r.reason);
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x) => b.includes(x));
const opt = (s: string) => s.trim() || null;

/** The requests that carry the form to the server, in order; the first create names the household for the rest. */
export function stepsFor(h: HouseholdInput, key: string): DraftStep[] {
  const steps: DraftStep[] = [];
  const address = addressOf(h.place, h.room);
  const memberBody = (m: MemberInput) => ({
    name: m.name.trim(), idNumber: m.idNumber.trim(), relation: m.relation, residenceType: m.residenceType,
    ...(m.phone.trim() ? { phone: m.phone.trim() } : {}), ...(m.tags.length ? { tags: m.tags } : {}),
  });
  if (!h.householdId) {
    steps.push({
      method: 'POST', url: '/api/registry/households', key, createsHousehold: true,
      body: {
        gridCode: h.place.gridCode, buildingId: h.place.buildingId, unitId: h.place.unitId, room: opt(h.room), address, kind: h.kind,
        phone: opt(h.phone), notes: opt(h.notes), tags: h.tags, members: h.members.map(memberBody),
      },
    });
  } else {
    const o = h.original!;
    const body: Record<string, unknown> = {};
    if (h.room !== o.room) Object.assign(body, { room: opt(h.room), address });
    if (h.phone.trim()) body.phone = h.phone.trim();
    if (h.kind !== o.kind) body.kind = h.kind;
    if (h.notes !== o.notes) body.notes = opt(h.notes);
    if (!same(h.tags, o.tags)) body.tags = h.tags;
    if (Object.keys(body).length) steps.push({ method: 'PATCH', url: `/api/registry/households/${h.householdId}`, body: { version: h.version, ...body } });
    h.members.forEach((m, i) => {
      const fieldPrefix = `members.${i}.`;
      if (!m.personId) {
        steps.push({ method: 'POST', url: '/api/registry/people', key: `${key}.m${i}`, fieldPrefix, body: { ...memberBody(m), householdId: h.householdId } });
        return;
      }
      const mo = m.original!;
      const change: Record<string, unknown> = {};
      if (m.name.trim() !== mo.name) change.name = m.name.trim();
      if (m.idNumber.trim()) change.idNumber = m.idNumber.trim();
      if (m.relation !== mo.relation) change.relation = m.relation;
      if (m.phone.trim()) change.phone = m.phone.trim();
      if (Object.keys(change).length) steps.push({ method: 'PATCH', url: `/api/registry/people/${m.personId}`, fieldPrefix, body: { version: m.version, ...change } });
      for (const code of m.tags.filter((c) => !mo.tags.includes(c))) steps.push({ method: 'POST', url: `/api/registry/people/${m.personId}/tags`, fieldPrefix: `${fieldPrefix}tags`, body: { code } });
      for (const code of mo.tags.filter((c) => !m.tags.includes(c))) steps.push({ method: 'DELETE', url: `/api/registry/people/${m.personId}/tags/${code}`, fieldPrefix: `${fieldPrefix}tags` });
    });
  }
  h.photos.forEach((p, i) => {
    steps.push({ method: 'POST', url: `/api/registry/households/${h.householdId ?? '{household}'}/attachments`, key: `${key}.p${i}`, photo: p, fieldPrefix: 'photos' });
  });
  return steps;
}
