// Where a node is, in terms that do not depend on how the description is laid out in files.
import { posix } from 'node:path';
import { COMPONENT_MAPS_2, COMPONENT_MAPS_3, type Endpoint, type Loc } from '../model.js';
import { joinPointer, parsePointer } from '../util/pointer.js';

/**
 * The endpoints a location inside an operation or a path item belongs to, whichever file holds it:
 * `(loc) => ids`, or undefined outside every operation. `relocate` maps the endpoints' own locations
 * first (a base version's view of objects shared with its head).
 */
export function endpointsByLocation(
  endpoints: Endpoint[],
  relocate?: (loc: Loc) => Loc,
): (loc: Loc) => { ids: string[]; inside: string } | undefined {
  const byPointer = new Map<string, { ids: string[]; pointer: string }>();
  const add = (file: string, pointer: string, id: string) => {
    const key = `${file}#${pointer}`;
    const entry = byPointer.get(key);
    if (entry) entry.ids.push(id);
    else byPointer.set(key, { ids: [id], pointer });
  };
  for (const endpoint of endpoints) {
    const { file, pointer } = relocate ? relocate(endpoint.loc) : endpoint.loc;
    add(file, pointer, endpoint.id);
    const pathItem = pointer.slice(0, pointer.lastIndexOf('/'));
    if (pathItem !== '') add(file, pathItem, endpoint.id);
  }
  return (loc) => {
    for (let pointer = loc.pointer; pointer !== ''; pointer = pointer.slice(0, pointer.lastIndexOf('/'))) {
      const entry = byPointer.get(`${loc.file}#${pointer}`);
      if (entry) return { ids: entry.ids, inside: loc.pointer.slice(entry.pointer.length) };
    }
    return undefined;
  };
}

/**
 * A location inside a named component, as `Name/inner/pointer`: the same whether the component sits in
 * the root's `components`, in a file of components (`parts.yaml#/schemas/Name`) or in a file of its own
 * (`schemas/Name.yaml`), which is how bundlers name it when they merge files. Undefined elsewhere.
 */
export function componentPath(loc: Loc, rootFile: string): string | undefined {
  const segments = parsePointer(loc.pointer);
  let name: string;
  let rest: string[];
  if (segments[0] === 'components' && segments.length >= 3) {
    name = segments[2]!;
    rest = segments.slice(3);
  } else if (loc.file === rootFile) {
    return undefined;
  } else if (
    segments.length >= 2 &&
    (COMPONENT_MAPS_3.has(segments[0]!) || COMPONENT_MAPS_2.has(segments[0]!))
  ) {
    name = segments[1]!;
    rest = segments.slice(2);
  } else {
    name = posix.basename(loc.file).replace(/\.(ya?ml|json)$/i, '');
    rest = segments;
  }
  return joinPointer(name, ...rest);
}
