// A stand-in for the `vscode` module, just enough for activate() to run outside the editor:
// every property is another stand-in, every call returns one, and anything that looks like a
// registration returns a disposable. Used only by the activation benchmark.
'use strict';

const noop = () => {};

function stub(name = 'vscode') {
  const target = function () {};
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'then') return undefined; // not a thenable: `await stub` must not hang
      if (key === Symbol.iterator) return function* () {};
      if (key === Symbol.toPrimitive) return () => 0;
      if (key === 'dispose') return noop;
      if (key === 'toString') return () => name;
      if (key === 'length') return 0;
      if (key === 'getConfiguration') return () => configuration;
      if (key === 'workspaceFolders' || key === 'activeTextEditor') return undefined;
      if (key === 'textDocuments' || key === 'visibleTextEditors') return [];
      return stub(`${name}.${String(key)}`);
    },
    apply() {
      return stub(`${name}()`);
    },
    construct() {
      return stub(`new ${name}`);
    },
    set() {
      return true;
    },
  });
}

const configuration = {
  get: (_key, fallback) => fallback,
  has: () => false,
  inspect: () => undefined,
  update: async () => {},
};

module.exports = stub();
