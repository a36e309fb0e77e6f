import { describe, expect, it } from 'vitest';
import { flagged } from '../helpers/analyze';

describe('S608 hardcoded-sql-expression', () => {
  it('flags SQL built with f-strings, %, .format and + at the whole expression', async () => {
    const source = [
      'cursor.execute(f"SELECT * FROM users WHERE id = {user_id}")',
      'q = "DELETE FROM t WHERE id = %s" % n',
      'q = "UPDATE t SET a = {}".format(v)',
      'q = "SELECT a FROM " + table + " WHERE b = 1"',
      '',
    ].join('\n');
    expect(await flagged(source, 'S608')).toEqual([
      'S608 0:15-0:58',
      'S608 1:4-1:37',
      'S608 2:4-2:35',
      'S608 3:4-3:45',
    ]);
  });

  it('accepts parameterised queries, f-strings without placeholders, non-SQL text and number arithmetic', async () => {
    const source = [
      'cursor.execute("SELECT * FROM users WHERE id = ?", (user_id,))',
      'q = f"SELECT * FROM users"',
      'q = "selected items from the list: " + items',
      'q = 1 + 2',
      'q = "SELECT * FROM t WHERE id = " + 5',
      '',
    ].join('\n');
    expect(await flagged(source, 'S608')).toEqual([]);
  });

  it('like Ruff, does not match a %-formatted query whose words are separated only by newlines', async () => {
    const source = ['q = """', 'SELECT a', 'FROM t', 'WHERE x = %s', '""" % x', ''].join('\n');
    expect(await flagged(source, 'S608')).toEqual([]);
    const fString = ['q = f"""', 'SELECT a', 'FROM t', 'WHERE x = {x}', '"""', ''].join('\n');
    expect(await flagged(fString, 'S608')).toEqual(['S608 0:4-4:3']);
  });
});
