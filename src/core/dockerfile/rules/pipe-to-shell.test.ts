import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';

const ID = 'pipe-to-shell';

describe(ID, () => {
  it.each([
    ['curl | sh', 'FROM debian:12\nRUN curl -fsSL https://get.example.com | sh\n', ['curl -fsSL https://get.example.com | sh']],
    ['wget -O- | bash', 'FROM debian:12\nRUN wget -qO- https://x.io/i.sh | bash\n', ['wget -qO- https://x.io/i.sh | bash']],
    ['| sudo sh', 'FROM debian:12\nRUN curl -sL https://x.io/setup | sudo -E bash -\n', ['curl -sL https://x.io/setup | sudo -E bash']],
    ['bash -s with arguments', 'FROM debian:12\nRUN curl -sSf https://sh.rustup.rs | sh -s -- -y\n', ['curl -sSf https://sh.rustup.rs | sh']],
    ['through tee', 'FROM debian:12\nRUN curl -s https://x | tee /tmp/log | sh\n', ['curl -s https://x | tee /tmp/log | sh']],
    ['php installer', 'FROM php:8\nRUN curl -sS https://getcomposer.org/installer | php -- --install-dir=/usr/bin\n', ['curl -sS https://getcomposer.org/installer | php']],
    ['python', 'FROM python:3\nRUN curl -sSL https://install.python-poetry.org | python3 -\n', ['curl -sSL https://install.python-poetry.org | python3']],
    ['sh -c "$(curl …)"', 'FROM debian:12\nRUN sh -c "$(curl -fsSL https://x.sh)"\n', ['sh -c "$(curl -fsSL https://x.sh)"']],
    ['bash <(curl …)', 'FROM debian:12\nRUN bash <(curl -s https://x.sh)\n', ['bash <(curl -s https://x.sh)']],
    ['heredoc script', 'FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSL https://x | sh\nEOF\n', ['curl -fsSL https://x | sh']],
    ['continuation with a comment', 'FROM debian:12\nRUN apt-get update && \\\n  # installer\n  curl -fsSL https://x \\\n  | bash\n', ['curl -fsSL https://x \\\n  | bash']],
    ['piping into tar is not running code', 'FROM debian:12\nRUN curl -fsSL https://x.tgz | tar -xz -C /opt\n', []],
    ['python -c parses data', 'FROM python:3\nRUN curl -s https://api/x | python3 -c "import json,sys; print(1)"\n', []],
    ['sh -c with a command reads data', 'FROM debian:12\nRUN curl -s https://x | sh -c "cat > /f"\n', []],
    ['bash with a script file reads data', 'FROM debian:12\nRUN curl -s https://x | bash /opt/consume.sh\n', []],
    ['download then verify', 'FROM debian:12\nRUN curl -fsSLo i.sh https://x && echo "abc  i.sh" | sha256sum -c - && sh i.sh\n', []],
    ['separate pipelines', 'FROM debian:12\nRUN curl -o f https://x; cat f | sh\n', []],
    ['ONBUILD trigger', 'FROM debian:12\nONBUILD RUN curl https://x | sh\n', []],
    ['Windows PowerShell', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN curl https://x | sh\n', []],
    ['COPY heredoc', 'FROM debian:12\nCOPY <<EOF /i.sh\ncurl https://x | sh\nEOF\n', []],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('names the URL and the user', () => {
    const m = findings('FROM debian:12\nUSER app\nRUN curl -fsSL https://get.example.com | sh\n', ID)[0].message;
    expect(m).toContain('https://get.example.com');
    expect(m).toContain('as `app`');
  });
});
