/**
 * Engine API shapes (API 1.41+), only the fields this extension reads. The engine sends more; fields
 * that newer engines added or older ones omit are optional. Names are the API's own (PascalCase), so a
 * reader can check them against https://docs.docker.com/engine/api/.
 */

export interface Disposable {
  dispose(): void;
}

export interface VersionInfo {
  Version: string;
  ApiVersion: string;
  MinAPIVersion?: string;
  Os?: string;
  Arch?: string;
  KernelVersion?: string;
  Components?: Array<{ Name: string; Version: string }>;
  Platform?: { Name?: string };
}

/** `version()` result: the engine's answer and the API version this client now uses. */
export interface NegotiatedVersion extends VersionInfo {
  /** min(client maximum, engine's ApiVersion): every further request is prefixed with `/v<this>`. */
  negotiatedApiVersion: string;
}

export interface PingInfo {
  /** `Api-Version` header; undefined on engines that do not send it. */
  apiVersion?: string;
  /** `OSType` header: linux | windows. */
  osType?: string;
  /** `Docker-Experimental` header. */
  experimental?: boolean;
  /** `Libpod-Api-Version` header: the engine is Podman's Docker-compatible API. */
  podmanApiVersion?: string;
}

export interface PortSummary {
  IP?: string;
  PrivatePort: number;
  PublicPort?: number;
  Type: 'tcp' | 'udp' | 'sctp' | string;
}

export interface MountPoint {
  Type?: 'bind' | 'volume' | 'tmpfs' | 'npipe' | 'cluster' | string;
  Name?: string;
  Source?: string;
  Destination: string;
  Driver?: string;
  Mode?: string;
  RW?: boolean;
  Propagation?: string;
}

export type ContainerState = 'created' | 'restarting' | 'running' | 'removing' | 'paused' | 'exited' | 'dead';

/** An element of `GET /containers/json`. */
export interface ContainerSummary {
  Id: string;
  /** With a leading slash: `/web-1`. */
  Names: string[];
  Image: string;
  ImageID: string;
  Command: string;
  /** Unix seconds. */
  Created: number;
  Ports: PortSummary[];
  Labels: Record<string, string> | null;
  State: ContainerState | string;
  /** Human text ("Up 5 minutes", "Exited (0) 2 hours ago"); changes with time, not with events. */
  Status: string;
  HostConfig?: { NetworkMode?: string };
  NetworkSettings?: { Networks?: Record<string, EndpointSettings> };
  Mounts: MountPoint[];
}

export interface EndpointSettings {
  NetworkID?: string;
  IPAddress?: string;
  Gateway?: string;
  MacAddress?: string;
  Aliases?: string[] | null;
}

export interface HealthState {
  Status: 'none' | 'starting' | 'healthy' | 'unhealthy' | string;
  FailingStreak?: number;
}

export interface ContainerStateDetail {
  Status: ContainerState | string;
  Running: boolean;
  Paused: boolean;
  Restarting: boolean;
  OOMKilled: boolean;
  Dead: boolean;
  Pid: number;
  ExitCode: number;
  Error: string;
  StartedAt: string;
  FinishedAt: string;
  Health?: HealthState;
}

export interface DeviceMapping {
  PathOnHost: string;
  PathInContainer: string;
  CgroupPermissions?: string;
}

export interface PortBinding {
  HostIp?: string;
  HostPort?: string;
}

/** `HostConfig` of inspect: what isolates the container from the host. */
export interface HostConfig {
  Binds?: string[] | null;
  NetworkMode?: string;
  PortBindings?: Record<string, PortBinding[] | null> | null;
  RestartPolicy?: { Name: string; MaximumRetryCount?: number };
  AutoRemove?: boolean;
  CapAdd?: string[] | null;
  CapDrop?: string[] | null;
  CgroupnsMode?: string;
  IpcMode?: string;
  PidMode?: string;
  UTSMode?: string;
  UsernsMode?: string;
  Privileged?: boolean;
  ReadonlyRootfs?: boolean;
  SecurityOpt?: string[] | null;
  Runtime?: string;
  Init?: boolean | null;
  /** Bytes; 0 = unlimited. */
  Memory?: number;
  MemorySwap?: number;
  /** CPUs × 1e9; 0 = unlimited. */
  NanoCpus?: number;
  CpuShares?: number;
  CpuQuota?: number;
  CpuPeriod?: number;
  /** null or 0 or -1 = unlimited. */
  PidsLimit?: number | null;
  Devices?: DeviceMapping[] | null;
  Mounts?: Array<{ Type?: string; Source?: string; Target?: string; ReadOnly?: boolean }> | null;
  Tmpfs?: Record<string, string> | null;
  GroupAdd?: string[] | null;
  MaskedPaths?: string[] | null;
  ReadonlyPaths?: string[] | null;
}

export interface ContainerConfig {
  Hostname?: string;
  User?: string;
  Tty?: boolean;
  OpenStdin?: boolean;
  Env?: string[] | null;
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  Image?: string;
  WorkingDir?: string;
  Labels?: Record<string, string> | null;
  ExposedPorts?: Record<string, object> | null;
  Healthcheck?: { Test?: string[] };
  StopSignal?: string;
}

/** `GET /containers/{id}/json`. */
export interface ContainerInspect {
  Id: string;
  /** With a leading slash. */
  Name: string;
  Created: string;
  Path: string;
  Args: string[];
  State: ContainerStateDetail;
  Image: string;
  RestartCount?: number;
  Driver?: string;
  Platform?: string;
  AppArmorProfile?: string;
  ProcessLabel?: string;
  HostConfig: HostConfig;
  Config: ContainerConfig;
  Mounts: MountPoint[];
  NetworkSettings: { Ports?: Record<string, PortBinding[] | null> | null; Networks?: Record<string, EndpointSettings> | null };
}

/** A message of `GET /events`. */
export interface EngineEvent {
  Type: 'container' | 'image' | 'volume' | 'network' | 'daemon' | 'plugin' | 'node' | 'service' | 'secret' | 'config' | string;
  /** `create`, `start`, `die`, `stop`, `destroy`, `health_status: healthy`, `exec_start: sh` ... */
  Action: string;
  Actor: { ID: string; Attributes?: Record<string, string> };
  scope?: 'local' | 'swarm';
  /** Unix seconds. */
  time: number;
  /** Unix nanoseconds: orders events within a second. */
  timeNano: number;
  /** Deprecated fields that 20.10 still sends. */
  status?: string;
  id?: string;
  from?: string;
}

export interface ImageInspect {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: string;
  Size?: number;
  Architecture?: string;
  Os?: string;
  Config?: ContainerConfig;
  RootFS?: { Type: string; Layers?: string[] };
}

export interface ImageHistoryEntry {
  Id: string;
  Created: number;
  CreatedBy: string;
  Tags: string[] | null;
  Size: number;
  Comment: string;
}

/** `GET /containers/{id}/stats?stream=false`, the fields a status view needs. */
export interface ContainerStats {
  read: string;
  preread?: string;
  pids_stats?: { current?: number; limit?: number };
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  cpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number; online_cpus?: number };
  precpu_stats?: { cpu_usage?: { total_usage?: number }; system_cpu_usage?: number; online_cpus?: number };
  networks?: Record<string, { rx_bytes: number; tx_bytes: number }>;
  name?: string;
  id?: string;
}

export interface ExecInspect {
  ID: string;
  Running: boolean;
  /** null while running. */
  ExitCode: number | null;
  Pid?: number;
  ContainerID?: string;
}
