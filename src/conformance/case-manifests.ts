// A case's Kubernetes objects as the gateway reads them: written to one multi-document
// file in the case's work dir, kinds region-lab's translation has no reader for
// (Service, ReferenceGrant: the case states ports and grants directly) left out and
// named in the notes, and a refusal reported against the case file.
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { stringify } from 'yaml';
import { BadInputError } from '../core/errors.js';
import type { CaseGatewayOptions } from './case-gateway.js';

/** Kinds no gateway reads: the case's services and grants say what they would. */
export const SKIPPED_KINDS: ReadonlySet<string> = new Set(['Service', 'ReferenceGrant']);

export interface CaseManifests {
  readonly file: string;
  readonly notes: string[];
  /** The case file named instead of the temp copy. */
  named(text: string): string;
  /** A BadInputError about the temp copy, re-addressed to the case file. */
  refused(e: unknown): unknown;
}

export function writeCaseManifests(o: CaseGatewayOptions): CaseManifests {
  const notes: string[] = [];
  const kept = o.manifests.filter((m) => {
    if (!SKIPPED_KINDS.has(m.kind)) return true;
    notes.push(`${m.kind} ${m.metadata.namespace ? `${m.metadata.namespace}/` : ''}${m.metadata.name}: not read by Higress's gateway (the case states it)`);
    return false;
  });
  const file = join(o.workDir, basename(o.file));
  writeFileSync(file, kept.map((m) => stringify(m)).join('---\n'));
  const named = (text: string) => text.replaceAll(file, `${o.file} (manifests)`);
  return {
    file,
    notes,
    named,
    refused: (e) => (e instanceof BadInputError ? new BadInputError(e.problems.map((p) => ({ ...p, file: named(p.file) })), e.hint) : e),
  };
}
