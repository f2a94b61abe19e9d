/**
 * A small XML writer for the GeoReport v2 shapes: schemaless, no namespace, UTF-8. Element names come
 * from this module's code only; every text is escaped, and characters XML 1.0 cannot carry are dropped.
 */
export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [name: string]: XmlValue };

/** The element of each item of a list, as the spec nests them (services ⇊ service ↴ …). */
const ITEM_OF: Record<string, string> = {
  services: 'service', service_requests: 'request', attributes: 'attribute', values: 'value', errors: 'error', endpoints: 'endpoint', formats: 'format',
};

// Tab, LF and CR are allowed below 0x20; lone surrogates and U+FFFE/U+FFFF are not characters of XML 1.0.
const NOT_XML = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function element(name: string, value: XmlValue): string {
  if (!/^[a-z][a-z_]*$/.test(name)) throw new Error(`not an element name: ${name}`);
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    const item = ITEM_OF[name];
    if (!item) throw new Error(`no item element for the list ${name}`);
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') return `<${name}>${Object.entries(value).map(([k, v]) => element(k, v)).join('')}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document: the declaration, then the root element. */
export function toXml(root: string, value: XmlValue): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${element(root, value)}`;
}
