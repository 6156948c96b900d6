// Effective servers: operation > path item > root (3.x); schemes + host + basePath (2.0).
import { child, type Node } from '../load/documents.js';
import type { Server } from '../model.js';
import { replaceTemplates } from '../util/braces.js';
import { isObj, str, strings } from './values.js';

export function oas3Servers(...levels: Node[]): Server[] {
  for (const level of levels) {
    const servers = child(level, 'servers');
    if (!Array.isArray(servers.value) || servers.value.length === 0) continue;
    return shared(servers, () => readServers(servers, servers.value as unknown[]));
  }
  return [];
}

/**
 * One array of servers per `servers` node, shared by every endpoint that inherits it: N root servers are
 * read once, not once per endpoint (N servers × 2N endpoints made N² objects). Never mutated by readers.
 */
function shared(node: Node, read: () => Server[], also = ''): Server[] {
  // The place, and for 2.0 schemes the host and base path they combine with: a parse may share equal
  // values between versions (load/json-reuse.ts), whose hosts can differ.
  const key = `${node.loc.file}#${node.loc.pointer}\n${also}`;
  const owner = node.value as object;
  let byPlace = SHARED.get(owner);
  if (!byPlace) {
    byPlace = new Map();
    SHARED.set(owner, byPlace);
  }
  let servers = byPlace.get(key);
  if (!servers) {
    servers = read();
    byPlace.set(key, servers);
  }
  return servers;
}

const SHARED = new WeakMap<object, Map<string, Server[]>>();

function readServers(servers: Node, values: unknown[]): Server[] {
  const out: Server[] = [];
  values.forEach((raw, i) => {
    const url = isObj(raw) ? str(raw.url) : undefined;
    if (url !== undefined)
      out.push({
        url: substituteVariables(url, raw as Record<string, unknown>),
        loc: child(servers, i).loc,
      });
  });
  return out;
}

/** `https://{region}.example.com` → its default values, so the URL can be judged (TLS, host). */
function substituteVariables(url: string, server: Record<string, unknown>): string {
  const variables = isObj(server.variables) ? server.variables : {};
  return replaceTemplates(url, (whole, name) => {
    const variable = variables[name];
    const value = isObj(variable) ? variable.default : undefined;
    return typeof value === 'string' || typeof value === 'number' ? String(value) : whole;
  });
}

export function swaggerServers(operation: Node, root: Node): Server[] {
  const host = str(child(root, 'host').value);
  const basePath = str(child(root, 'basePath').value) ?? '';
  const opSchemes = child(operation, 'schemes');
  const schemesNode = Array.isArray(opSchemes.value) ? opSchemes : child(root, 'schemes');
  const schemes = strings(schemesNode.value);
  const hostLoc = host !== undefined ? child(root, 'host').loc : root.loc;
  if (schemes.length === 0) {
    return host === undefined ? [] : [{ url: `//${host}${basePath}`, loc: hostLoc }];
  }
  return shared(
    schemesNode,
    () =>
      schemes.map((scheme, i) => ({
        url: `${scheme.toLowerCase()}://${host ?? ''}${basePath}`,
        loc: child(schemesNode, i).loc,
      })),
    `${host ?? ''}\n${basePath}`,
  );
}
