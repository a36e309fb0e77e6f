// Preloaded into the CLI by test/cli/fix-safety.test.ts (`node --require THIS dist/cli.js ...`) to
// make real runs meet hard conditions on demand. Test-only: the CLI never reads these variables.
//   PYCONV_TEST_SLOW_WRITES=1        a slow disk: every write goes out 256 bytes at a time, 2 ms apart,
//                                    so that a kill at a random moment often lands inside a write
//   PYCONV_TEST_SAVE_AFTER_READ=PATH another program saves PATH right after the CLI first reads it
const fs = require('node:fs');
const path = require('node:path');

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

if (process.env.PYCONV_TEST_SLOW_WRITES) {
  const writeSync = fs.writeSync;
  fs.writeSync = (fd, data, ...rest) => {
    if (typeof data === 'string') return writeSync(fd, data, ...rest);
    const [offset = 0, length = data.byteLength - offset, position = null] = rest;
    sleep(2);
    return writeSync(fd, data, offset, Math.min(length, 256), position);
  };
  fs.writeFileSync = (file, data, options) => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const fd = fs.openSync(file, 'w', options?.mode ?? 0o666);
    try {
      let offset = 0;
      while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    } finally {
      fs.closeSync(fd);
    }
  };
}

const saveAfterRead = process.env.PYCONV_TEST_SAVE_AFTER_READ;
if (saveAfterRead) {
  const readFileSync = fs.readFileSync;
  let saved = false;
  fs.readFileSync = (file, ...rest) => {
    const result = readFileSync(file, ...rest);
    if (!saved && typeof file === 'string' && path.resolve(file) === saveAfterRead) {
      saved = true;
      fs.appendFileSync(file, '# saved by another program\n');
    }
    return result;
  };
}
