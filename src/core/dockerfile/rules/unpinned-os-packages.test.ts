import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';

const ID = 'unpinned-os-packages';

describe(ID, () => {
  it.each([
    ['apt-get unpinned', 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl git\n', ['curl']],
    ['apt-get pinned', 'FROM debian:12\nRUN apt-get install -y curl=8.5.0-2 git=1:2.39.2-1\n', []],
    ['apt with options before the verb', 'FROM debian:12\nRUN apt-get -qq -o Dpkg::Use-Pty=0 install -y curl\n', ['curl']],
    ['apt-get -t takes a value', 'FROM debian:12\nRUN apt-get install -t bookworm-backports -y curl=8.5.0-2\n', []],
    ['apt-get update only', 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y\n', []],
    ['apk unpinned', 'FROM alpine:3.20\nRUN apk add --no-cache ca-certificates\n', ['ca-certificates']],
    ['apk pinned', 'FROM alpine:3.20\nRUN apk add --no-cache ca-certificates=20240226-r0 tzdata~=2024\n', []],
    ['apk --virtual takes a name', 'FROM alpine:3.20\nRUN apk add --virtual .build-deps gcc=13.2.1_git20240309-r0\n', []],
    ['dnf unpinned', 'FROM fedora:40\nRUN dnf install -y httpd\n', ['httpd']],
    ['dnf pinned', 'FROM fedora:40\nRUN dnf install -y httpd-2.4.59\n', []],
    ['yum with a group and a local rpm', 'FROM centos:7\nRUN yum install -y @development ./x.rpm\n', []],
    ['microdnf', 'FROM ubi9/ubi-minimal:9.4\nRUN microdnf install -y tar\n', ['tar']],
    ['zypper', 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive in curl\n', ['curl']],
    ['variable package', 'FROM debian:12\nARG PKGS\nRUN apt-get install -y $PKGS\n', []],
    ['local deb', 'FROM debian:12\nRUN apt-get install -y ./app.deb\n', []],
    ['sudo and env prefix', 'FROM debian:12\nRUN DEBIAN_FRONTEND=noninteractive sudo apt-get install -y vim\n', ['vim']],
    ['quoted text is not a command', 'FROM debian:12\nRUN echo "apt-get install curl"\n', []],
    ['heredoc script', 'FROM alpine:3.20\nRUN <<EOF\nset -e\napk add --no-cache bash\nEOF\n', ['bash']],
    ['two installs, two findings', 'FROM debian:12\nRUN apt-get install -y a && apt-get install -y b\n', ['a', 'b']],
    ['ONBUILD RUN is not executed here', 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n', []],
    ['continuation lines', 'FROM debian:12\nRUN apt-get install -y \\\n      curl \\\n      git=1:2.39.2-1\n', ['curl']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('lists the other unpinned packages and points at them', () => {
    const text = 'FROM debian:12\nRUN apt-get install -y curl git=1 make gcc\n';
    const [f] = findings(text, ID);
    expect(f.message).toContain('(and 2 more: make, gcc)');
    expect(f.message).toContain('name=version');
    expect(f.related).toHaveLength(2);
  });

  it('uses the dnf syntax for dnf', () => {
    expect(findings('FROM fedora:40\nRUN dnf install -y httpd\n', ID)[0].message).toContain('name-version');
  });
});
