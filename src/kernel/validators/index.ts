export { checkIdNumber, idCheckDigit, makeIdNumber, idMatchesRecord, PROVINCE_CODES, type IdCheck, type FieldProblem } from './id-number.ts';
export { checkCreditCode, makeCreditCode, creditCheckChar, orgCodeCheckChar, CREDIT_AUTHORITIES, CREDIT_CHARS, type CreditCheck } from './credit-code.ts';
export { checkPhone, type PhoneCheck } from './phone.ts';
export { normaliseCode } from './normalise.ts';
