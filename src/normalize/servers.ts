// Effective servers: operation > path item > root (3.x); schemes + host + basePath (2.0).
import { child, type Node } from '../load/documents.js';
import type { Server } from '../model.js';
import { replaceTemplates } from '../util/braces.js';
import { isObj, str, strings } from './values.js';

export function oas3Servers(...levels: Node[]): Server[] {
  for (const level of levels) {
    const servers = child(level, 'servers');
    if (!Array.isArray(servers.value) || servers.value.length === 0) continue;
    const out: Server[] = [];
    servers.value.forEach((raw, i) => {
      const url = isObj(raw) ? str(raw.url) : undefined;
      if (url !== undefined)
        out.push({
          url: substituteVariables(url, raw as Record<string, unknown>),
          loc: child(servers, i).loc,
        });
    });
    return out;
  }
  return [];
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
  return schemes.map((scheme, i) => ({
    url: `${scheme.toLowerCase()}://${host ?? ''}${basePath}`,
    loc: child(schemesNode, i).loc,
  }));
}
