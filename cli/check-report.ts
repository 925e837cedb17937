// The shape of `provlens check`'s answer, shared by the command (cli/check.ts) and its text form
// (cli/human-verdict.ts) without either importing the other for it.
import type { ErrorInfo, RenewalVerdict } from '../core/types';

export interface CandidateCheck {
  profile: string;
  ok: boolean;
  error: ErrorInfo | null;
  /** This profile alone; null when it did not decode. */
  verdict: RenewalVerdict | null;
}

export interface CheckReport {
  app: string;
  candidates: CandidateCheck[];
  /** Every candidate pushed together (each bundle gets its best match); the exit code follows this one. */
  combined: RenewalVerdict;
}
