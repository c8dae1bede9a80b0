import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';

const ID = 'unpinned-language-packages';

describe(ID, () => {
  it.each([
    ['pip unpinned', 'FROM python:3.12\nRUN pip install --no-cache-dir requests flask==3.0.3\n', ['requests']],
    ['pip pinned', 'FROM python:3.12\nRUN pip install requests==2.32.3 "uvicorn[standard]==0.30.1"\n', []],
    ['pip range is not a pin', 'FROM python:3.12\nRUN pip install "django>=4"\n', ['"django>=4"']],
    ['pip requirements file', 'FROM python:3.12\nRUN pip install -r requirements.txt -c constraints.txt\n', []],
    ['pip local and editable', 'FROM python:3.12\nRUN pip install . && pip install -e ./lib && pip install dist/app-1.0-py3-none-any.whl\n', []],
    ['python -m pip', 'FROM python:3.12\nRUN python3 -m pip install --upgrade pip\n', ['pip']],
    ['pip3 with index url', 'FROM python:3.12\nRUN pip3 install -i https://pypi.example.com/simple mypkg\n', ['mypkg']],
    ['npm global unpinned', 'FROM node:20\nRUN npm install -g typescript @angular/cli@17.3.0\n', ['typescript']],
    ['npm latest tag', 'FROM node:20\nRUN npm i -g pnpm@latest\n', ['pnpm@latest']],
    ['npm range', 'FROM node:20\nRUN npm install -g nodemon@^3\n', ['nodemon@^3']],
    ['npm scoped pinned', 'FROM node:20\nRUN npm install -g @nestjs/cli@10.3.2\n', []],
    ['npm scoped unpinned', 'FROM node:20\nRUN npm install -g @nestjs/cli\n', ['@nestjs/cli']],
    ['npm install from lockfile', 'FROM node:20\nRUN npm install && npm ci --omit=dev\n', []],
    ['yarn global add', 'FROM node:20\nRUN yarn global add serve\n', ['serve']],
    ['gem unpinned', 'FROM ruby:3.3\nRUN gem install bundler\n', ['bundler']],
    ['gem -v', 'FROM ruby:3.3\nRUN gem install bundler -v 2.5.11\n', []],
    ['gem name:version', 'FROM ruby:3.3\nRUN gem install bundler:2.5.11\n', []],
    ['go install latest', 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@latest\n', ['golang.org/x/tools/gopls@latest']],
    ['go install pinned', 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.16.1\n', []],
    ['go install local', 'FROM golang:1.22\nRUN go install ./cmd/...\n', []],
    ['cargo unpinned', 'FROM rust:1.79\nRUN cargo install ripgrep\n', ['ripgrep']],
    ['cargo --version', 'FROM rust:1.79\nRUN cargo install ripgrep --version 14.1.0\n', []],
    ['variables', 'FROM python:3.12\nARG PKG\nRUN pip install "$PKG" && npm i -g ${TOOL}\n', []],
    ['loop over packages', 'FROM python:3.12\nRUN for p in a b; do pip install $p; done\n', []],
    ['ONBUILD RUN is not executed here', 'FROM python:3.12\nONBUILD RUN pip install requests\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the tool and the pinning syntax', () => {
    const [f] = findings('FROM python:3.12\nRUN pip install requests rich\n', ID);
    expect(f.message).toContain('by pip');
    expect(f.message).toContain('name==version');
    expect(f.message).toContain('(and 1 more: rich)');
    expect(f.related).toHaveLength(1);
  });
});
