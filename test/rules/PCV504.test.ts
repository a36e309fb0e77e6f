import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';

describe('PCV504 resource-without-context-manager', () => {
  it('flags handles that are not sure to be closed, at the call', async () => {
    const source = [
      'import socket, sqlite3',
      'import pandas',
      'def query(path):',
      '    conn = sqlite3.connect(path)',
      '    rows = conn.execute("select 1").fetchall()',
      '    conn.close()',
      '    return rows',
      'def leak(host):',
      '    socket.create_connection((host, 80))',
      '    return pandas.read_sql("select 1", sqlite3.connect("db"))',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV504')).toEqual([
      'PCV504 3:11-3:32',
      'PCV504 8:4-8:40',
      'PCV504 9:39-9:60',
    ]);
    const [first] = await check(source, ['PCV504']);
    expect(first.message).toBe('`sqlite3.connect(...)` is not opened in `with` nor closed in `finally`');
  });

  it('passes with, closing(), finally, returned or owned handles, and guarded opens', async () => {
    const source = [
      'import contextlib, socket, sqlite3',
      'from contextlib import closing',
      'def a(path):',
      '    with sqlite3.connect(path) as conn: pass',
      '    with closing(sqlite3.connect(path)) as conn: pass',
      '    with contextlib.ExitStack() as stack:',
      '        sock = stack.enter_context(socket.socket())',
      'def b(path):',
      '    conn = sqlite3.connect(path)',
      '    try:',
      '        return conn.execute("select 1").fetchall()',
      '    finally:',
      '        conn.close()',
      'def c():',
      '    return socket.socket()',
      'def d():',
      '    left, right = socket.socketpair()',
      '    with left, right: pass',
      'class Pool:',
      '    def __init__(self, path):',
      '        self.conn = sqlite3.connect(path)',
      'def e():',
      '    sock = socket.socket()',
      '    return Wrapper(sock)',
      'def f(host):',
      '    sock = None',
      '    try:',
      '        sock = socket.socket(socket.AF_INET6)',
      '        sock.bind((host, 0))',
      '    except OSError:',
      '        pass',
      '    if sock:',
      '        sock.close()',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV504')).toEqual([]);
  });

  it('reads extra resource calls from [tool.pyconv.pyconv-resources]', async () => {
    const source = 'import redis\nclient = redis.Redis()\n';
    expect(await flagged(source, 'PCV504')).toEqual([]);
    const options = { 'pyconv-resources': { 'extend-resource-calls': ['redis.Redis'] } };
    expect(await flagged(source, 'PCV504', { options })).toEqual(['PCV504 1:9-1:22']);
  });
});
