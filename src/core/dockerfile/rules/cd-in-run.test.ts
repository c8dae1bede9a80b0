import { describe, expect, it } from 'vitest';
import { covered, findings } from './testing';

const ID = 'cd-in-run';

describe(ID, () => {
  it.each([
    ['cd then build', 'FROM a:1\nRUN cd /src && make\n', ['cd /src']],
    ['no cd', 'FROM a:1\nWORKDIR /src\nRUN make\n', []],
    ['subshell', 'FROM a:1\nRUN (cd /src && make) && make install\n', []],
    ['cd - goes back', 'FROM a:1\nRUN make && cd -\n', []],
    ['reported once per RUN', 'FROM a:1\nRUN cd /a && make && cd /b && make\n', ['cd /a']],
    ['inside quotes is not a command', 'FROM a:1\nRUN echo "cd /x" > notes.txt\n', []],
    ['continuation lines', 'FROM a:1\nRUN make && \\\n    cd /opt/app && ./configure\n', ['cd /opt/app']],
    ['heredoc script', 'FROM a:1\nRUN <<EOF\nset -e\ncd /src\nmake\nEOF\n', ['cd /src']],
    ['heredoc data is not a script', 'FROM a:1\nRUN cat <<EOF > /notes\ncd /src\nEOF\n', []],
    ['exec form', 'FROM a:1\nRUN ["sh", "-c", "cd /x && make"]\n', []],
    ['ONBUILD RUN is not executed here', 'FROM a:1\nONBUILD RUN cd /src && make\n', []],
    ['bare cd', 'FROM a:1\nRUN cd && ls\n', ['cd']],
  ])('%s', (_name, text, expected) => {
    expect(covered(text, ID)).toEqual(expected);
  });

  it('suggests the WORKDIR', () => {
    expect(findings('FROM a:1\nRUN cd /src && make\n', ID)[0].message).toContain('`WORKDIR /src`');
  });
});
