import type { AreaGeometry } from '../../../kernel/geo/geojson-utils.ts';
import type { ResidenceType } from '../../../db/types.ts';

/** A grid to fill, with the names of the areas above it (for addresses). */
export interface DemoGrid {
  code: string;
  path: string;
  households: number;
  cityCode: string;
  cityName: string;
  districtCode: string;
  districtName: string;
  streetName: string;
  communityCode: string;
  communityName: string;
  /** 村/嘎查: bungalows by 组, 留守 households. */
  village: boolean;
  geometry: AreaGeometry | null;
  center: [number, number] | null;
}

// Generated rows. `id` is 1-based within one generated batch; the loader adds the range it reserved.
export interface DemoBuilding { id: number; gridCode: string; gridPath: string; name: string; address: string; floors: number; kind: 'residential' | 'bungalow'; location: [number, number] | null }
export interface DemoUnit { id: number; buildingId: number; name: string; floors: number; roomsPerFloor: number }
export interface DemoHousehold { id: number; gridCode: string; gridPath: string; buildingId: number; unitId: number | null; room: string; address: string; phone: string | null; headPersonId: number }
export interface DemoPerson {
  id: number; idNumber: string; name: string; sex: '1' | '2'; birthDate: string; ethnicity: string; politicalStatus: string; education: string | null;
  phone: string | null; residenceType: ResidenceType; householdId: number; relation: string; gridCode: string; gridPath: string; address: string; workplace: string | null;
}
export interface DemoOrganisation {
  id: number; kind: 'enterprise' | 'social_org' | 'individual_business' | 'public_institution'; name: string; creditCode: string; industry: string; legalRep: string; phone: string;
  address: string; gridCode: string; gridPath: string; employees: number; registeredCapital: number | null; establishedOn: string; status: 'active' | 'suspended' | 'closed'; hasPartyOrg: boolean;
}
export interface DemoRental {
  id: number; gridCode: string; gridPath: string; householdId: number; buildingId: number; unitId: number | null; room: string; address: string;
  landlordPersonId: number; landlordName: string; landlordPhone: string | null; tenants: number; areaM2: number; purpose: 'residence' | 'business' | 'mixed' | 'dormitory'; registeredOn: string;
}
export interface DemoTag { entityType: 'person' | 'household' | 'organisation'; entityId: number; tagCode: string; since: string | null }

export interface DemoData {
  buildings: DemoBuilding[];
  units: DemoUnit[];
  households: DemoHousehold[];
  people: DemoPerson[];
  organisations: DemoOrganisation[];
  rentals: DemoRental[];
  tags: DemoTag[];
}
