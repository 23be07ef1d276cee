// The order Higress gives a host's routes (Gateway API: conversion.go sortHTTPRoutes;
// Ingress: common/tool.go SortHTTPRoutes): Exact before PathPrefix before
// RegularExpression, longer paths first, then a method match before none, more header
// matches first, more query matches first; the catch-all (`/` with no other condition)
// last; equal routes keep manifest order. Envoy takes the first match.
import type { PathMatch, RouteEntry } from '../xds/route-table.js';

const RANK: Readonly<Record<PathMatch['type'], number>> = { Exact: 3, PathPrefix: 2, Prefix: 2, RegularExpression: 1 };

function isCatchAll(r: RouteEntry): boolean {
  return r.path.type === 'PathPrefix' && r.path.value === '/' && r.headers.length === 0 && !r.method && (r.queryParams?.length ?? 0) === 0;
}

/** The method regex's length (Ingress match-method); 0 for an exact method (HTTPRoute) or none. */
function methodRegexLength(r: RouteEntry): number {
  return r.method?.type === 'RegularExpression' ? r.method.value.length : 0;
}

/**
 * A method match sorts first. Between two Ingress method regexes the shorter one wins
 * (SortHTTPRoutes compares `len(Method.GetRegex())`); HTTPRoute methods are exact and
 * sortHTTPRoutes only asks whether there is one.
 */
function compareMethods(a: RouteEntry, b: RouteEntry): number {
  if (!a.method !== !b.method) return a.method ? -1 : 1;
  const [la, lb] = [methodRegexLength(a), methodRegexLength(b)];
  return la !== 0 && lb !== 0 ? la - lb : 0;
}

/** sortHTTPRoutes / SortHTTPRoutes (stable: equal routes keep manifest order). */
export function compareRoutes(a: RouteEntry, b: RouteEntry): number {
  if (isCatchAll(a) !== isCatchAll(b)) return isCatchAll(a) ? 1 : -1;
  if (RANK[a.path.type] !== RANK[b.path.type]) return RANK[b.path.type] - RANK[a.path.type];
  if (a.path.value.length !== b.path.value.length) return b.path.value.length - a.path.value.length;
  const byMethod = compareMethods(a, b);
  if (byMethod !== 0) return byMethod;
  if (a.headers.length !== b.headers.length) return b.headers.length - a.headers.length;
  return (b.queryParams?.length ?? 0) - (a.queryParams?.length ?? 0);
}

/** Every route in Higress's order (a stable sort, so each host's routes are in order too). */
export function sortRoutes(routes: readonly RouteEntry[]): RouteEntry[] {
  return [...routes].sort(compareRoutes);
}
