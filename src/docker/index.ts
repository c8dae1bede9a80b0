/** The Docker Engine API client: endpoint resolution, transports, typed calls and streams. No vscode. */
export * from './demux';
export * from './endpoint';
export * from './engine-client';
export * from './errors';
export * from './ndjson';
export { ChildProcessDuplex, ConnectorAgent, createConnector, sshArgs } from './transport';
export type { Connector, ConnectorOptions } from './transport';
export type * from './types';
