/**
 * Characters XML 1.0 forbids: C0 controls other than tab, line feed and carriage return,
 * lone UTF-16 surrogates, and the non-characters U+FFFE and U+FFFF. None can be typed;
 * they arrive in pasted or imported text or from a peer, and a Word document containing
 * one will not open ("unreadable content"), so they are removed wherever text enters
 * the model and again when a document is written. With the `u` flag a surrogate pair
 * is one code point, so \p{Cs} (surrogates) matches only lone halves. C1 controls
 * (U+007F–U+009F) are allowed by XML and kept.
 */
const forbidden = /(?![\t\n\r\u007F-\u009F])\p{Cc}|\p{Cs}|[\uFFFE\uFFFF]/gu;

/** The text without the characters XML forbids; everything else is kept as it is. */
export function cleanText(text: string): string {
  return text.replace(forbidden, '');
}

/**
 * Every string in plain data (arrays and plain objects, as laid out for an export)
 * cleaned; other values are kept. Returns the same object when nothing needed cleaning.
 */
export function cleanTextDeep<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) {
    const items: unknown[] = value;
    const cleaned = items.map((item) => cleanTextDeep(item));
    return (cleaned.every((item, index) => item === items[index]) ? value : cleaned) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    const cleaned: Record<string, unknown> = {};
    let changed = false;
    for (const [key, item] of Object.entries(record)) {
      cleaned[key] = cleanTextDeep(item);
      if (cleaned[key] !== item) changed = true;
    }
    return (changed ? cleaned : value) as T;
  }
  return value;
}
