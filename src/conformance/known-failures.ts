// Known failures: a case says where a data plane is known to differ from Higress
// (with the reason), so the suite stays green except for them, and a mark that no
// longer fails is reported (xpass) so it is removed when the data plane is fixed.
import type { ConformanceCase, DataPlane, HigressVersion, KnownFailure } from './schema.js';
import type { Outcome, RequestResult } from './types.js';

// A translation mark holds on every data plane: both are fed the same translated config.
const applies = (k: KnownFailure, dataPlane: DataPlane, higress: HigressVersion) => (k.dataPlane === dataPlane || k.dataPlane === 'translation') && (k.higress === undefined || k.higress.includes(higress));

/**
 * Outcomes from problems and marks. A mark naming requests expects each of them to
 * fail (one that passes is xpass). A mark without `requests` expects the case to fail
 * somewhere: its failing rows are xfail, its passing rows pass, and if no row fails
 * at all every row is xpass (the mark is stale).
 */
export function outcomeOf(c: ConformanceCase, dataPlane: DataPlane, higress: HigressVersion, rows: readonly RequestResult[]): RequestResult[] {
  const caseWide = c.knownFailures.find((k) => applies(k, dataPlane, higress) && k.requests === undefined);
  const anyFails = rows.some((r) => r.problems.length > 0);
  return rows.map((r) => {
    const failed = r.problems.length > 0;
    const named = c.knownFailures.find((k) => applies(k, dataPlane, higress) && k.requests?.includes(r.request));
    let outcome: Outcome;
    if (named) outcome = failed ? 'xfail' : 'xpass';
    else if (caseWide) outcome = failed ? 'xfail' : anyFails ? 'pass' : 'xpass';
    else outcome = failed ? 'fail' : 'pass';
    const mark = named ?? (caseWide && (failed || !anyFails) ? caseWide : undefined);
    return { ...r, outcome, ...(mark ? { knownReason: mark.reason } : {}) };
  });
}
