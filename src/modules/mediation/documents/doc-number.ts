/**
 * 调解协议书编号, as the Ministry of Justice's forms write it: 〔年份〕+ 简称 + 调字第 + 序号 + 号,
 * e.g. 〔2026〕昆调字第00012号. Derived from the case, not counted again: the year and the sequence
 * are those of the case number (TJ2026-00012, one counter per city and year, so the document
 * number is unique and leads straight back to the case); the 简称 is the first character of the
 * district (区/旗/县) the committee sits in, or of the city for a city-level committee.
 */
export function agreementNumber(caseNumber: string, seatName: string): string {
  const m = /^TJ(\d{4})-(\d+)$/.exec(caseNumber);
  const short = [...seatName.trim()][0] ?? '';
  if (!m) return `${short}调字第${caseNumber}号`;
  return `〔${m[1]}〕${short}调字第${m[2]}号`;
}

/** The ltree path of the area whose name gives the 简称: the district, or the city itself. */
export function seatPath(orgPath: string): string {
  return orgPath.split('.').slice(0, 2).join('.');
}
