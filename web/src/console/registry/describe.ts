// The fields of an organisation, rental house and building as the detail drawer lists them.
import type { BuildingDetail, OrganisationDetail, RentalHouseDetail } from '../../api/registry';
import { formatTime } from '../format';
import type { Field } from './types';
import { codeName } from './lookups';

type T = (key: string, named?: Record<string, unknown>) => string;
const yesNo = (t: T, v: boolean) => t(v ? 'common.yes' : 'common.no');
const stamps = (t: T, d: { createdAt: string; updatedAt: string }): Field[] => [
  { label: t('registry.detail.createdAt'), value: formatTime(d.createdAt, false) },
  { label: t('registry.col.updatedAt'), value: formatTime(d.updatedAt, false) },
];

export function organisationFields(t: T, d: OrganisationDetail): Field[] {
  return [
    { label: t('registry.col.orgName'), value: d.name, wide: true },
    { label: t('registry.col.creditCode'), value: d.creditCode, mono: true },
    { label: t('registry.col.kind'), value: t(`registry.orgKind.${d.kind}`) },
    { label: t('registry.col.industry'), value: codeName('industry', d.industry) },
    { label: t('registry.col.status'), value: t(`registry.orgStatus.${d.status}`) },
    { label: t('registry.col.legalRep'), value: d.legalRep },
    { label: t('registry.col.phone'), value: d.phone, mono: true },
    { label: t('registry.col.employees'), value: d.employees },
    { label: t('registry.detail.capital'), value: d.registeredCapital?.toLocaleString('zh-CN') },
    { label: t('registry.detail.establishedOn'), value: d.establishedOn },
    { label: t('registry.col.partyOrg'), value: yesNo(t, d.hasPartyOrg) },
    { label: t('registry.col.grid'), value: d.gridCode, grid: true },
    { label: t('registry.col.tags'), value: d.tags.map((x) => x.name).join('、') },
    { label: t('registry.col.address'), value: d.address, wide: true },
    { label: t('registry.detail.notes'), value: d.notes, wide: true },
    ...stamps(t, d),
  ];
}

export function rentalFields(t: T, d: RentalHouseDetail): Field[] {
  return [
    { label: t('registry.col.address'), value: d.address, wide: true },
    { label: t('registry.col.room'), value: d.room },
    { label: t('registry.col.grid'), value: d.gridCode, grid: true },
    { label: t('registry.col.landlord'), value: d.landlord.name },
    { label: t('registry.col.landlordPhone'), value: d.landlord.phone, mono: true },
    { label: t('registry.col.tenants'), value: d.tenants },
    { label: t('registry.col.areaM2'), value: d.areaM2 },
    { label: t('registry.col.purpose'), value: t(`registry.rentalPurpose.${d.purpose}`) },
    { label: t('registry.col.status'), value: t(`registry.rentalStatus.${d.status}`) },
    { label: t('registry.col.registeredOn'), value: d.registeredOn },
    { label: t('registry.detail.notes'), value: d.notes, wide: true },
    ...stamps(t, d),
  ];
}

export function buildingFields(t: T, d: BuildingDetail): Field[] {
  return [
    { label: t('registry.col.buildingName'), value: d.name },
    { label: t('registry.col.kind'), value: t(`registry.buildingKind.${d.kind}`) },
    { label: t('registry.col.address'), value: d.address, wide: true },
    { label: t('registry.col.floors'), value: d.floors },
    { label: t('registry.col.grid'), value: d.gridCode, grid: true },
    { label: t('registry.col.units'), value: d.unitCount },
    { label: t('registry.col.households'), value: d.householdCount },
    ...stamps(t, d),
  ];
}
