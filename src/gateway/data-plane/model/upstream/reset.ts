// Envoy's stream reset reasons and the transport failure wording of a failed
// connect, as the router's local reply and the retry decision both name them.
import type { HigressProfile } from '../../../profiles.js';

/** Envoy StreamResetReason, worded as Http::Utility::resetReasonToString. */
export type ResetReason =
  | 'remote connection failure'
  | 'local connection failure'
  | 'connection timeout'
  | 'connection termination'
  | 'remote reset'
  | 'protocol error'
  | 'remote refused stream reset';

const ERRNO: Readonly<Record<string, [number, string]>> = {
  ECONNREFUSED: [111, 'Connection refused'],
  ECONNRESET: [104, 'Connection reset by peer'],
  ETIMEDOUT: [110, 'Connection timed out'],
  EHOSTUNREACH: [113, 'No route to host'],
  ENETUNREACH: [101, 'Network is unreachable'],
  EADDRNOTAVAIL: [99, 'Cannot assign requested address'],
};

/**
 * ConnectionImpl's transport failure reason for a failed connect: envoy-1.27 prints
 * the errno number ("delayed connect error: 111"), newer Envoy prints
 * errorDetails(errno) ("delayed connect error: Connection refused").
 */
export function delayedConnectError(code: string | undefined, profile: HigressProfile): string {
  const known = ERRNO[code ?? ''];
  if (!known) return `delayed connect error: ${code ?? 'unknown'}`;
  return `delayed connect error: ${profile.connectErrorStyle === 'errno' ? known[0] : known[1]}`;
}

