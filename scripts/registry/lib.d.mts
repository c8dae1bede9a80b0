// Types for lib.mjs (the test registry tooling), for the TypeScript tests that import it.
import type { ChildProcess } from 'node:child_process';
import type { IncomingHttpHeaders } from 'node:http';

export const REGISTRY_BIN: string;
export const MT: Record<'ociIndex' | 'ociManifest' | 'ociConfig' | 'ociLayer' | 'dockerList' | 'dockerManifest' | 'dockerConfig' | 'dockerLayer', string>;
export const ACCEPT_ALL: string;
export function digestOf(bytes: Buffer | string): string;

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}
export function request(
  url: string,
  opts?: { method?: string; headers?: Record<string, string>; body?: Buffer | string; ca?: Buffer | string; timeoutMs?: number },
): Promise<RawResponse>;

export interface PushClient {
  base: string;
  send(repo: string, url: string, opts?: { method?: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<RawResponse>;
}
export function makeClient(base: string, opts?: { user?: string; password?: string; ca?: Buffer | string }): PushClient;

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}
export interface TestImage {
  layer: Buffer;
  configBytes: Buffer;
  platform: Platform;
}
export function tarOneFile(name: string, content: string | Buffer): Buffer;
export function buildImage(opts?: { os?: string; arch?: string; variant?: string; text?: string }): TestImage;
export function manifestBytes(image: TestImage, flavour: 'docker' | 'oci'): Buffer;
export function indexBytes(children: { bytes: Buffer; mediaType: string; platform: Platform }[], flavour: 'docker' | 'oci'): Buffer;

export interface Pushed {
  bytes: Buffer;
  mediaType: string;
  digest: string;
  platform?: Platform;
  children?: Pushed[];
  platforms?: string[];
}
export function pushBlob(client: PushClient, repo: string, bytes: Buffer): Promise<string>;
export function pushManifest(client: PushClient, repo: string, reference: string, bytes: Buffer, mediaType: string): Promise<string>;
export function pushImage(client: PushClient, repo: string, reference: string, image: TestImage, flavour: 'docker' | 'oci'): Promise<Pushed>;
export function pushIndex(client: PushClient, repo: string, reference: string, images: TestImage[], flavour: 'docker' | 'oci'): Promise<Pushed>;
export function pushFixtures(client: PushClient): Promise<Record<string, Pushed>>;

export function makeTlsFiles(dir: string): { ca: string; cert: string; key: string };
export function makeTokenFiles(dir: string): { key: string; cert: string };
export function makeHtpasswd(file: string, user: string, password: string): string;
export function writeRegistryConfig(
  file: string,
  opts: {
    dataDir: string;
    htpasswd?: string;
    token?: { realm: string; service: string; issuer: string; rootcertbundle: string };
    tls?: { cert: string; key: string };
  },
): string;

export interface RegistryProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  base: string;
  host: string;
  readyMs: number;
}
export function startRegistryProcess(configFile: string, opts?: { logFile: string; detached?: boolean; ca?: Buffer | string; timeoutMs?: number }): Promise<RegistryProcess>;
export function isOurProcess(pid: number, marker: string): boolean;
export function stopProcess(pid: number, marker: string, graceMs?: number): Promise<boolean>;
