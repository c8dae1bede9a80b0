import { describe, expect, it } from 'vitest';
import { parseImageRef } from '../dockerfile/image-ref';
import { isWindowsAdministrator, lookupImage, normalizeImageName, tagVersion } from './images';
import type { ImageFacts } from './images';

/** Look up an image the way the parser does: from `FROM` text. */
function facts(image: string): ImageFacts {
  const ref = parseImageRef(image);
  return lookupImage({ path: ref.path, registry: ref.registry, tag: ref.tag });
}

/** The facts a table row checks, in one line. */
function summary(f: ImageFacts): string {
  const parts = [f.family, `root=${String(f.runsAsRoot)}`, f.userCreation, f.packageManager ?? '-'];
  if (f.defaultUser) parts.push(`default=${f.defaultUser}`);
  if (f.existingUser) parts.push(`user=${f.existingUser.name}${f.existingUser.uid !== undefined ? `:${f.existingUser.uid}` : ''}`);
  return parts.join(' ');
}

describe('lookupImage', () => {
  it.each([
    // operating-system images
    ['alpine:3.20', 'alpine root=true adduser-busybox apk'],
    ['alpine', 'alpine root=true adduser-busybox apk'],
    ['busybox:1.31.0-uclibc', 'busybox root=true adduser-busybox none'],
    ['debian:bookworm-slim', 'debian root=true useradd apt'],
    ['ubuntu:24.04', 'debian root=true useradd apt'],
    ['scratch', 'scratch root=true none none'],
    ['registry.k8s.io/debian-base-amd64:0.3', 'debian root=true useradd apt'],
    // registry prefixes do not defeat matching
    ['docker.io/library/alpine:3.20', 'alpine root=true adduser-busybox apk'],
    ['index.docker.io/library/debian:12', 'debian root=true useradd apt'],
    ['mirror.gcr.io/library/node:20', 'debian root=true useradd apt user=node:1000'],
    ['docker.io/node:20-alpine', 'alpine root=true adduser-busybox apk user=node:1000'],
    ['public.ecr.aws/docker/library/python:3.12-slim', 'debian root=true useradd apt'],
    ['amd64/buildpack-deps:jammy-curl', 'debian root=true useradd apt'],
    ['NODE:20', 'debian root=true useradd apt user=node:1000'],
    // official images on Debian/Ubuntu; the tag suffix decides the distro
    ['node:lts', 'debian root=true useradd apt user=node:1000'],
    ['node:14.17.3-alpine3.14', 'alpine root=true adduser-busybox apk user=node:1000'],
    ['python:3.9.2-alpine', 'alpine root=true adduser-busybox apk'],
    ['python:3.11-slim', 'debian root=true useradd apt'],
    ['nginx:1.27.4-alpine-slim', 'alpine root=true adduser-busybox apk'],
    ['nginx', 'debian root=true useradd apt'],
    ['golang:1.22-bookworm', 'debian root=true useradd apt'],
    ['golang:${GO_VERSION}-alpine${ALPINE_VERSION}', 'alpine root=true adduser-busybox apk'],
    ['eclipse-temurin:17-jre-focal', 'debian root=true useradd apt'],
    ['eclipse-temurin:21-jre-ubi9-minimal', 'rhel root=true install-shadow-utils microdnf'],
    ['eclipse-temurin:25.0.3_9-jre-alpine', 'alpine root=true adduser-busybox apk'],
    ['php:5-apache', 'debian root=true useradd apt user=www-data:33'],
    ['redis:3.2.9', 'debian root=true useradd apt'],
    ['postgres:16-alpine', 'alpine root=true adduser-busybox apk'],
    ['mongo:7', 'debian root=true useradd apt'],
    ['rust:buster', 'debian root=true useradd apt'],
    ['buildpack-deps:trixie-scm', 'debian root=true useradd apt'],
    ['maven:3-eclipse-temurin-17', 'debian root=true useradd apt'],
    ['maven:3-amazoncorretto-21', 'rhel root=true install-shadow-utils yum'],
    ['maven:3-amazoncorretto-21-debian', 'debian root=true useradd apt'],
    ['mysql:8.4', 'rhel root=true install-shadow-utils microdnf'],
    ['mysql:8.0-debian', 'debian root=true useradd apt'],
    ['openjdk:8', 'debian root=true useradd apt'],
    ['openjdk:17-jdk', 'rhel root=true install-shadow-utils microdnf'],
    ['openjdk:17-jdk-slim', 'debian root=true useradd apt'],
    ['amazoncorretto:21', 'rhel root=true install-shadow-utils yum'],
    ['amazoncorretto:21-al2023', 'rhel root=true install-shadow-utils dnf'],
    ['amazoncorretto:21-alpine', 'alpine root=true adduser-busybox apk'],
    ['traefik:v3.1', 'alpine root=true adduser-busybox apk'],
    ['caddy:2', 'alpine root=true adduser-busybox apk'],
    // non-root by default
    ['haproxy:2.8', 'debian root=false useradd apt default=haproxy user=haproxy:99'],
    ['haproxy:lts-alpine', 'alpine root=false adduser-busybox apk default=haproxy user=haproxy:99'],
    ['haproxy:2.3', 'debian root=true useradd apt'],
    ['haproxy:1.7-alpine', 'alpine root=true adduser-busybox apk'],
    ['memcached:1.6', 'debian root=false useradd apt default=memcache user=memcache:11211'],
    ['nginxinc/nginx-unprivileged:1.27-alpine', 'alpine root=false adduser-busybox apk default=101 user=nginx:101'],
    ['bitnami/nginx:1.25', 'debian root=false useradd apt default=1001'],
    ['docker.io/bitnami/postgresql:16', 'debian root=false useradd apt default=1001'],
    ['bitnami/minideb:bookworm', 'debian root=true useradd apt'],
    ['elasticsearch:8.15.0', 'debian root=false useradd apt default=1000 user=elasticsearch:1000'],
    // RHEL family
    ['registry.access.redhat.com/ubi9/ubi:9.4', 'rhel root=true useradd dnf'],
    ['registry.access.redhat.com/ubi9/ubi-minimal', 'rhel root=true install-shadow-utils microdnf'],
    ['registry.access.redhat.com/ubi8/ubi-micro:8.10', 'rhel root=true none none'],
    ['registry.access.redhat.com/ubi8', 'rhel root=true useradd dnf'],
    ['redhat/ubi9-minimal', 'rhel root=true install-shadow-utils microdnf'],
    ['fedora:40', 'rhel root=true useradd dnf'],
    ['centos', 'rhel root=true useradd yum'],
    ['quay.io/centos/centos:stream9', 'rhel root=true useradd dnf'],
    ['rockylinux:9', 'rhel root=true useradd dnf'],
    ['rockylinux:9-minimal', 'rhel root=true install-shadow-utils microdnf'],
    ['almalinux:9', 'rhel root=true useradd dnf'],
    ['oraclelinux:9', 'rhel root=true useradd dnf'],
    ['oraclelinux:9-slim', 'rhel root=true install-shadow-utils microdnf'],
    ['amazonlinux:2', 'rhel root=true install-shadow-utils yum'],
    ['amazonlinux:2023', 'rhel root=true install-shadow-utils dnf'],
    ['amazonlinux', 'rhel root=true install-shadow-utils dnf'],
    // distroless, Chainguard/Wolfi
    ['gcr.io/distroless/static', 'distroless root=true none none user=nonroot:65532'],
    ['gcr.io/distroless/static-debian12:nonroot', 'distroless root=false none none default=nonroot user=nonroot:65532'],
    ['gcr.io/distroless/base-debian12:debug-nonroot', 'distroless root=false none none default=nonroot user=nonroot:65532'],
    ['gcr.io/distroless/java17-debian12:debug', 'distroless root=true none none user=nonroot:65532'],
    ['cgr.dev/chainguard/static:latest', 'wolfi root=false none none default=65532 user=nonroot:65532'],
    ['cgr.dev/chainguard/wolfi-base', 'wolfi root=true adduser-busybox apk'],
    ['cgr.dev/chainguard/python:latest-dev', 'wolfi root=unknown adduser-busybox apk'],
    ['cgr.dev/chainguard/python:latest', 'wolfi root=unknown none none'],
    // Windows
    ['mcr.microsoft.com/windows/servercore:ltsc2022', 'windows root=true none - default=ContainerAdministrator user=ContainerUser'],
    ['mcr.microsoft.com/windows/nanoserver:ltsc2022', 'windows root=false none - default=ContainerUser user=ContainerUser'],
    ['mcr.microsoft.com/windows/servercore/iis', 'windows root=true none - default=ContainerAdministrator user=ContainerUser'],
    ['golang:1.22-windowsservercore-ltsc2022', 'windows root=true none - default=ContainerAdministrator user=ContainerUser'],
    ['python:3.12-nanoserver', 'windows root=false none - default=ContainerUser user=ContainerUser'],
    ['mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022', 'windows root=false none - default=ContainerUser user=ContainerUser'],
    ['mcr.microsoft.com/dotnet/framework/aspnet:4.8', 'windows root=true none - default=ContainerAdministrator user=ContainerUser'],
    // .NET
    ['mcr.microsoft.com/dotnet/aspnet:8.0', 'debian root=true useradd apt user=app:1654'],
    ['mcr.microsoft.com/dotnet/aspnet:10.0@sha256:7644f992230d35cf230017189d4038c0ae0f7388b13f4f7ae1900a155bafb597', 'debian root=true useradd apt user=app:1654'],
    ['mcr.microsoft.com/dotnet/runtime:8.0-alpine', 'alpine root=true adduser-busybox apk user=app:1654'],
    ['mcr.microsoft.com/dotnet/runtime-deps:10.0.0-noble-chiseled', 'distroless root=false none none default=1654 user=app:1654'],
    ['mcr.microsoft.com/dotnet/aspnet:8.0-azurelinux3.0', 'rhel root=true install-shadow-utils tdnf user=app:1654'],
    ['mcr.microsoft.com/dotnet/aspnet:5.0', 'debian root=true useradd apt'],
    ['mcr.microsoft.com/dotnet/runtime:7.0', 'debian root=true useradd apt'],
    // unknown stays unknown
    ['example.com/custom/thing:1', 'unknown root=unknown none -'],
    ['mvdan/shfmt:v3.1.2-alpine', 'unknown root=unknown none -'],
    ['tiangolo/uvicorn-gunicorn-fastapi:python3.9-slim', 'unknown root=unknown none -'],
    ['${NGINX_FROM_IMAGE}', 'unknown root=unknown none -'],
    ['', 'unknown root=unknown none -'],
    ['quay.io/minio/minio:${MINIO_VERSION}', 'unknown root=unknown none -'],
  ])('%s → %s', (image, expected) => {
    expect(summary(facts(image))).toBe(expected);
  });

  it('labels say which entry matched and the distro the tag chose', () => {
    expect(facts('node:20-alpine').label).toBe('official node image (Alpine)');
    expect(facts('node:20').label).toBe('official node image (Debian)');
    expect(facts('golang:1.22-windowsservercore-ltsc2022').label).toContain('Windows Server Core');
  });

  it('notes images that drop privileges in their entrypoint', () => {
    expect(facts('postgres:16').note).toMatch(/entrypoint/);
    expect(facts('redis:7').note).toMatch(/entrypoint/);
  });

  it('never throws on odd input', () => {
    for (const path of ['', '/', '//', ':', 'a/b/c/d/e', '$', 'library/', 'x'.repeat(5000)]) {
      expect(() => lookupImage({ path, tag: ':::' })).not.toThrow();
      expect(() => lookupImage({ path, registry: '', tag: undefined })).not.toThrow();
    }
    expect(lookupImage(undefined as never).family).toBe('unknown');
  });
});

describe('normalizeImageName', () => {
  it.each([
    [{ path: 'library/node' }, 'node'],
    [{ path: 'node', registry: 'docker.io' }, 'node'],
    [{ path: 'library/node', registry: 'registry-1.docker.io' }, 'node'],
    [{ path: 'bitnami/nginx', registry: 'docker.io' }, 'bitnami/nginx'],
    [{ path: 'distroless/static', registry: 'gcr.io' }, 'gcr.io/distroless/static'],
    [{ path: 'gcr.io/distroless/static' }, 'gcr.io/distroless/static'],
    [{ path: 'arm64v8/alpine' }, 'alpine'],
    [{ path: 'docker/library/node', registry: 'public.ecr.aws' }, 'node'],
  ])('%j → %s', (ref, expected) => {
    expect(normalizeImageName(ref)).toBe(expected);
  });
});

describe('helpers', () => {
  it.each([
    ['2.4.1-alpine', [2, 4, 1]],
    ['v3', [3]],
    ['latest', undefined],
    ['lts-alpine', undefined],
  ])('tagVersion(%s)', (tag, expected) => {
    expect(tagVersion(tag)).toEqual(expected);
  });

  it('recognises the Windows administrator account', () => {
    expect(isWindowsAdministrator('ContainerAdministrator')).toBe(true);
    expect(isWindowsAdministrator('containeradministrator ')).toBe(true);
    expect(isWindowsAdministrator('ContainerUser')).toBe(false);
    expect(isWindowsAdministrator(undefined)).toBe(false);
  });
});
