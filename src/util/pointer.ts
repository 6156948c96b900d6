// JSON pointers (RFC 6901).

// The checks are there because these run for every node of every schema: most segments need no escaping.
export function escapeSegment(segment: string | number): string {
  const s = String(segment);
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
}

export function unescapeSegment(segment: string): string {
  return segment.includes('~') ? segment.replace(/~1/g, '/').replace(/~0/g, '~') : segment;
}

export function joinPointer(pointer: string, ...segments: (string | number)[]): string {
  let out = pointer;
  for (const s of segments) out += `/${escapeSegment(s)}`;
  return out;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  return body.split('/').slice(1).map(unescapeSegment);
}

/** Decodes a URI fragment (`#/components/schemas/a%20b`) into a pointer. */
export function fragmentToPointer(fragment: string): string {
  let decoded = fragment;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    // keep it as written; an invalid escape simply will not resolve
  }
  return decoded.startsWith('#') ? decoded.slice(1) : decoded;
}
