import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { CONTAINER_COMMANDS } from './command-ids';
import type { DisplayState } from './model';
import { contextValueOf } from './presentation';

const ROOT = join(__dirname, '..', '..');
const c = pkg.contributes as Record<string, any>;
const VIEW = 'containerLens.containers';

/** Evaluate the `viewItem` part of a `when` clause the way our menus write it (== or =~ /regex/). */
function viewItemMatches(when: string, value: string): boolean {
  const eq = /viewItem == ([\w-]+)/.exec(when);
  if (eq) return eq[1] === value;
  const re = /viewItem =~ \/(.+?)\/(?: |$)/.exec(when);
  if (re) return new RegExp(re[1]!).test(value);
  return true;
}

describe('package.json: the Containers view', () => {
  it('an activity-bar container with the view, activated when the view opens', () => {
    expect(pkg.activationEvents).toContain(`onView:${VIEW}`);
    const bar = c.viewsContainers.activitybar.find((v: { id: string }) => v.id === 'containerLens');
    expect(bar).toMatchObject({ title: 'Container Lens', icon: 'media/activity.svg' });
    expect(existsSync(join(ROOT, bar.icon))).toBe(true);
    expect(c.views.containerLens.map((v: { id: string }) => v.id)).toContain(VIEW);
  });

  it('contributes exactly the commands the views register', () => {
    const ours = (c.commands as { command: string }[]).map((x) => x.command).filter((id) => /^containerLens\.containers?\./.test(id));
    expect(ours.sort()).toEqual(Object.values(CONTAINER_COMMANDS).sort());
  });

  it('menus name contributed commands only, and only in this view', () => {
    const contributed = new Set((c.commands as { command: string }[]).map((x) => x.command));
    for (const menu of ['view/title', 'view/item/context']) {
      for (const item of c.menus[menu] as { command: string; when: string }[]) {
        if (!item.command.startsWith('containerLens.container')) continue;
        expect(contributed.has(item.command), item.command).toBe(true);
        expect(item.when).toContain(`view == ${VIEW}`);
      }
    }
  });

  it.each<[DisplayState, string[]]>([
    ['running', ['stop', 'shell', 'logs']],
    ['unhealthy', ['stop', 'shell', 'logs']],
    ['paused', ['unpause', 'logs']],
    ['exited', ['start', 'logs']],
    ['created', ['start', 'logs']],
    ['dead', ['logs']],
  ])('inline icons of a %s container: %j', (state, expected) => {
    const value = contextValueOf(state);
    const inline = (c.menus['view/item/context'] as { command: string; when: string; group: string }[])
      .filter((m) => m.group.startsWith('inline') && m.when.includes('viewItem') && viewItemMatches(m.when, value))
      .map((m) => m.command.replace('containerLens.container.', ''));
    expect(inline).toEqual(expected);
  });

  it('the engine settings', () => {
    const props = (Array.isArray(c.configuration) ? c.configuration[0] : c.configuration).properties;
    expect(props['containerLens.docker.host']).toMatchObject({ type: 'string', default: '' });
    expect(props['containerLens.docker.context']).toMatchObject({ type: 'string', default: '' });
  });
});
