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
      // activation by opening a Dockerfile: the Containers view is not on screen (it connects only when it is)
      if (key === 'visible') return false;
      return stub(`${name}.${String(key)}`);
    },
    apply() {
      return stub(`${name}()`);
    },
    construct(_t, _args, newTarget) {
      // an object whose own fields stick (subclasses assign them) and whose other lookups fall through to stubs
      return Object.create(newTarget.prototype);
    },
    getPrototypeOf() {
      // bundlers copy a CommonJS module's own keys into a namespace object whose prototype is the module's:
      // names not copied are looked up here
      return fallback;
    },
    set() {
      return true;
    },
  });
}

const fallback = new Proxy(
  {},
  {
    get: (_t, key) => (key === 'then' ? undefined : stub(`vscode.${String(key)}`)),
  },
);

const configuration = {
  get: (_key, fallback) => fallback,
  has: () => false,
  inspect: () => undefined,
  update: async () => {},
};

module.exports = stub();
