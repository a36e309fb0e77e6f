import { describe, expect, it } from 'vitest';
import { check, flagged } from '../helpers/analyze';
import { fixedBoth } from '../helpers/typing-fixes';

describe('PCV201 class-attribute-annotation', () => {
  it('flags unannotated class-body assignments on the name', async () => {
    const source = [
      'class Worker:',
      '    retries = 3',
      '    registry = {}',
      '    typed: int = 1',
      '    def run(self) -> None:',
      '        self.state = 1',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV201')).toEqual(['PCV201 1:4-1:11', 'PCV201 2:4-2:12']);
    expect((await check(source, ['PCV201']))[0].message).toBe('Class attribute `retries` is not annotated');
  });

  it('skips enums, dunders, aliases, descriptors, type comments and nested classes', async () => {
    const source = [
      'import enum',
      'class Color(enum.Enum):',
      '    RED = 1',
      'class A:',
      '    __slots__ = ("x",)',
      '    __match_args__ = ("x",)',
      '    def add(self, other: "A") -> "A": return self',
      '    __radd__ = add',
      '    size = property(lambda self: 1)',
      '    cached = header_property[str]("x")',
      '    legacy = []  # type: list[int]',
      '    a, b = 1, 2',
      '    class Meta:',
      '        ordering = ["name"]',
      '',
    ].join('\n');
    expect(await flagged(source, 'PCV201')).toEqual([]);
  });

  it('annotates with the literal type, and ClassVar in dataclass-like classes', async () => {
    const plain = 'class Worker:\n    retries = 3\n';
    expect((await fixedBoth(plain, 'PCV201')).plain).toBe('class Worker:\n    retries: int = 3\n');
    const dataclass =
      'from dataclasses import dataclass\n\n@dataclass\nclass Job:\n    limit = 10\n    name: str = ""\n';
    expect((await fixedBoth(dataclass, 'PCV201')).plain).toBe(
      'from dataclasses import dataclass\nfrom typing import ClassVar\n\n@dataclass\nclass Job:\n    limit: ClassVar[int] = 10\n    name: str = ""\n',
    );
    const attrs = 'import attr\n\n@attr.s\nclass Job:\n    limit = attr.ib(default=1)\n';
    expect((await fixedBoth(attrs, 'PCV201')).snippet).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an expected LSP snippet tab stop
      'import attr\nfrom typing import Any\n\n@attr.s\nclass Job:\n    limit: ${1:Any} = attr.ib(default=1)\n',
    );
  });

  it('gives containers and None snippet placeholders', async () => {
    const source = 'class Worker:\n    registry = {}\n    current = None\n';
    expect((await fixedBoth(source, 'PCV201', 0)).snippet).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: an expected LSP snippet tab stop
      'from typing import Any\nclass Worker:\n    registry: dict[${1:str}, ${2:Any}] = {}\n    current = None\n',
    );
    expect((await fixedBoth(source, 'PCV201', 1)).plain).toBe(
      'from typing import Any\nclass Worker:\n    registry = {}\n    current: Any | None = None\n',
    );
  });
});
