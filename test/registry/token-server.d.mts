// Types for token-server.mjs.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface TokenLogEntry {
  path: string;
  scheme: string | null;
  account: string | null;
  scopes: string[];
  service: string | null;
}
export interface TokenServer {
  port: number;
  realm: string;
  log: TokenLogEntry[];
  close(): Promise<void>;
}
export function keyId(certPem: string): string;
export function signToken(claims: Record<string, unknown>, keys: { keyPem: string; certPem: string }): string;
export function startTokenServer(o: {
  keyPem: string;
  certPem: string;
  issuer: string;
  service: string;
  users?: Record<string, string>;
  tls?: { cert: string; key: string };
  port?: number;
  answer?: (req: IncomingMessage, res: ServerResponse, entry: TokenLogEntry) => boolean;
}): Promise<TokenServer>;
