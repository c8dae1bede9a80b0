/**
 * `WWW-Authenticate` challenges (RFC 7235): `Bearer realm="https://auth.example/token",service="reg",
 * scope="repository:x:pull,push"` or `Basic realm="registry"`. Quoted values may hold commas and escaped
 * quotes; several challenges may share one header or come in several headers.
 */
export interface Challenge {
  /** Lower case: `bearer`, `basic`. */
  scheme: string;
  /** Parameter names in lower case. */
  params: Record<string, string>;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/** Parse every challenge in the given header values. Unreadable parts are skipped, never thrown on. */
export function parseChallenges(values: readonly string[] | string | undefined): Challenge[] {
  const list = values === undefined ? [] : typeof values === 'string' ? [values] : values;
  const out: Challenge[] = [];
  for (const value of list) out.push(...parseOne(value));
  return out;
}

function parseOne(header: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const s = header;
  const skipSpace = () => {
    while (i < s.length && (s[i] === ' ' || s[i] === '\t')) i++;
  };
  let current: Challenge | undefined;
  while (i < s.length) {
    skipSpace();
    if (s[i] === ',') {
      i++;
      continue;
    }
    const tokenMatch = TOKEN.exec(s.slice(i));
    if (!tokenMatch) {
      // garbage: skip to the next comma
      while (i < s.length && s[i] !== ',') i++;
      continue;
    }
    const token = tokenMatch[0];
    const afterToken = i + token.length;
    let j = afterToken;
    while (j < s.length && (s[j] === ' ' || s[j] === '\t')) j++;
    if (s[j] === '=' && current) {
      // a parameter of the current challenge
      j++;
      while (j < s.length && (s[j] === ' ' || s[j] === '\t')) j++;
      let value = '';
      if (s[j] === '"') {
        j++;
        while (j < s.length && s[j] !== '"') {
          if (s[j] === '\\' && j + 1 < s.length) j++;
          value += s[j];
          j++;
        }
        j++; // closing quote
      } else {
        // unquoted: a token by the RFC; read leniently up to the next comma or blank (some servers send URLs)
        const m = /^[^,\s"]+/.exec(s.slice(j));
        value = m ? m[0] : '';
        j += value.length;
      }
      current.params[token.toLowerCase()] = value;
      i = j;
      continue;
    }
    // a new scheme (a token68 after it, as in `Negotiate abc==`, is not used by registries: skipped)
    current = { scheme: token.toLowerCase(), params: {} };
    out.push(current);
    i = afterToken;
  }
  return out;
}
