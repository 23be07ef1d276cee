// What one scenario run means for the catalogue: did the runbook's claim hold, was
// that the outcome the scenario declared, and the sentence that says so plainly.
import type { Scenario } from '../scenario/schema.js';

export interface ClaimOutcome {
  readonly scenario: string;
  readonly claimHolds: boolean;
  /** undefined when the scenario declares nothing. */
  readonly declared: boolean | undefined;
  /** True when nothing was declared and the claim held, or the evidence matched the declaration. */
  readonly asExpected: boolean;
  readonly sentence: string;
}

export function claimOutcome(scenario: Scenario, verdict: 'pass' | 'fail', higress: string): ClaimOutcome {
  const claimHolds = verdict === 'pass';
  const k = scenario.knownOutcome;
  const declared = k?.claimHolds;
  const asExpected = declared === undefined ? claimHolds : declared === claimHolds;
  let sentence: string;
  if (!k) sentence = claimHolds ? `the runbook's claim holds on Higress ${higress}.` : `the runbook's claim does not hold on Higress ${higress}.`;
  else if (asExpected)
    sentence = `the runbook's claim ${claimHolds ? 'holds' : 'does not hold'} on Higress ${higress}, as this scenario declares: ${k.reason}${!claimHolds && k.companion ? ` What makes it hold: see scenario ${k.companion}.` : ''}`;
  else
    sentence = `UNEXPECTED: the scenario declares that the claim ${k.claimHolds ? 'holds' : 'does not hold'} on real Higress, but on Higress ${higress} the evidence says it ${claimHolds ? 'holds' : 'does not'}: the model or the declaration is wrong, or the behaviour changed.`;
  return { scenario: scenario.name, claimHolds, declared, asExpected, sentence };
}
