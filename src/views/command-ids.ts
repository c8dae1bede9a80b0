/** Command ids of the containers view, in one place: package.json `contributes.commands` lists the same. */
export const CONTAINER_COMMANDS = {
  refresh: 'containerLens.containers.refresh',
  retry: 'containerLens.containers.retry',
  openSettings: 'containerLens.containers.openSettings',
  showEngineStatus: 'containerLens.containers.showEngineStatus',
  useFoundSocket: 'containerLens.containers.useFoundSocket',
  start: 'containerLens.container.start',
  stop: 'containerLens.container.stop',
  restart: 'containerLens.container.restart',
  pause: 'containerLens.container.pause',
  unpause: 'containerLens.container.unpause',
  remove: 'containerLens.container.remove',
  logs: 'containerLens.container.logs',
  shell: 'containerLens.container.shell',
  inspect: 'containerLens.container.inspect',
  copyId: 'containerLens.container.copyId',
  copyName: 'containerLens.container.copyName',
  explainIsolation: 'containerLens.container.explainIsolation',
  /** Opens the comparison panel for the container (`containerLens.compareWithVm` does the work). */
  compareWithVm: 'containerLens.container.compareWithVm',
  copyValue: 'containerLens.container.copyValue',
} as const;
